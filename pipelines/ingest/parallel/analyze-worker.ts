/**
 * Worker thread of `AnalyzePool`: parses a batch of lines into records (the same per-line functions as the
 * sequential readers), encodes each record's text with its own `DocumentEncoder` and counts its terms with its own
 * `DocumentTermCounter`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { arxivSnapshotRecord } from '../arxiv-snapshot.ts';
import { jsonlRecord } from '../jsonl.ts';
import { abstractTooLong } from '../read-input.ts';
import { DocumentTermCounter } from '../../features/document-term-counter.ts';
import { DocumentEncoder } from '../../text/document-encoder.ts';
import { IntBuffer } from '../../text/word-encoder.ts';
import { isIndexedDate } from '../../trends/word-index-builder.ts';
import type { BatchRequest, BatchResult, LineResult, WorkerRequest, WorkerSetup } from './protocol.ts';

const encoder = new DocumentEncoder();
const counter = new DocumentTermCounter({ bigrams: (workerData as WorkerSetup).bigrams });
const encoded = new IntBuffer();
const counted = new IntBuffer();
const surface = new IntBuffer();

function analyzeBatch(request: BatchRequest): BatchResult {
  const parse = request.format === 'jsonl' ? jsonlRecord : arxivSnapshotRecord;
  const results: LineResult[] = [];
  const ends = new Int32Array(request.texts.length);
  const countedEnds = new Int32Array(request.texts.length);
  const surfaceEnds = new Int32Array(request.texts.length);
  encoded.clear();
  counted.clear();
  surface.clear();
  request.texts.forEach((text, i) => {
    const line = request.lines[i]!;
    const doc = parse(text, request.file, line, request.maxDate);
    if (doc === null || 'error' in doc) {
      results.push(doc === null ? null : { error: doc.error, line });
    } else {
      const tooLong = abstractTooLong(doc, request.maxAbstractChars);
      if (tooLong === null) {
        results.push(doc);
        const indexed = request.indexWords && isIndexedDate(doc.date, doc.datePrecision);
        const from = encoded.length;
        encoder.encode(doc.title, doc.abstract, encoded, indexed ? surface : null);
        counter.count(encoded.data, from, encoded.length, encoder.words, counted);
      } else {
        results.push({ error: tooLong, line });
      }
    }
    ends[i] = encoded.length;
    countedEnds[i] = counted.length;
    surfaceEnds[i] = surface.length;
  });
  return {
    seq: request.seq,
    results,
    encoded: encoded.toArray(),
    ends,
    newWords: encoder.words.drainNewWords(),
    counted: counted.toArray(),
    countedEnds,
    newTerms: counter.drainNewTerms(),
    surface: surface.toArray(),
    surfaceEnds,
    newSurfaceWords: encoder.surfaces.drainNewWords(),
  };
}

parentPort!.on('message', (request: WorkerRequest) => {
  if (request.type === 'word-counts') {
    const counts = counter.drainWordCounts();
    parentPort!.postMessage(counts, [counts.count.buffer, counts.first.buffer, counts.second.buffer]);
    return;
  }
  const result = analyzeBatch(request);
  parentPort!.postMessage(result, [
    result.encoded.buffer,
    result.ends.buffer,
    result.counted.buffer,
    result.countedEnds.buffer,
    result.surface.buffer,
    result.surfaceEnds.buffer,
  ]);
});
