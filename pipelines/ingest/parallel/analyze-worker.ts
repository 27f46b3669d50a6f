/**
 * Worker thread of `AnalyzePool`: parses a batch of lines into records (the same per-line functions as the
 * sequential readers) and encodes each record's text with its own `DocumentEncoder`.
 */
import { parentPort } from 'node:worker_threads';
import { arxivSnapshotRecord } from '../arxiv-snapshot.ts';
import { jsonlRecord } from '../jsonl.ts';
import { abstractTooLong } from '../read-input.ts';
import { DocumentEncoder } from '../../text/document-encoder.ts';
import { IntBuffer } from '../../text/word-encoder.ts';
import { isIndexedDate } from '../../trends/word-index-builder.ts';
import type { BatchRequest, BatchResult, LineResult } from './protocol.ts';

const encoder = new DocumentEncoder();
const encoded = new IntBuffer();
const surface = new IntBuffer();

function analyzeBatch(request: BatchRequest): BatchResult {
  const parse = request.format === 'jsonl' ? jsonlRecord : arxivSnapshotRecord;
  const results: LineResult[] = [];
  const ends = new Int32Array(request.texts.length);
  const surfaceEnds = new Int32Array(request.texts.length);
  encoded.clear();
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
        encoder.encode(doc.title, doc.abstract, encoded, indexed ? surface : null);
      } else {
        results.push({ error: tooLong, line });
      }
    }
    ends[i] = encoded.length;
    surfaceEnds[i] = surface.length;
  });
  return {
    seq: request.seq,
    results,
    encoded: encoded.toArray(),
    ends,
    newWords: encoder.words.drainNewWords(),
    surface: surface.toArray(),
    surfaceEnds,
    newSurfaceWords: encoder.surfaces.drainNewWords(),
  };
}

parentPort!.on('message', (request: BatchRequest) => {
  const result = analyzeBatch(request);
  parentPort!.postMessage(result, [
    result.encoded.buffer,
    result.ends.buffer,
    result.surface.buffer,
    result.surfaceEnds.buffer,
  ]);
});
