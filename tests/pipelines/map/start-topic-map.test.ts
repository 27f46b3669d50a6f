import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { tfidf } from '../../../pipelines/features/tfidf.ts';
import { startTopicMap } from '../../../pipelines/map/start-topic-map.ts';
import { topicMap } from '../../../pipelines/map/topic-map.ts';
import { TextAnalyzer } from '../../../pipelines/text/analyze.ts';
import { countsOf } from '../features/helpers.ts';

const analyzer = new TextAnalyzer({ bigrams: false });
const abstracts = gunzipSync(readFileSync('data/arxiv-cs-sample.jsonl.gz'))
  .toString('utf8')
  .split('\n', 300)
  .map((line) => JSON.parse(line) as { title: string; abstract: string })
  .map((doc) => analyzer.analyze(`${doc.title}. ${doc.abstract}`));
const { matrix } = tfidf(countsOf(abstracts).counts, { smoothIdf: true, sublinearTf: true, norm: 'l2' });
const labels = Int32Array.from({ length: matrix.nRows }, (_, i) => i % 3);
const options = { sampleSize: 200, seed: 42, nEpochs: 30 };

describe('startTopicMap(matrix, options).finish(labels, k)', () => {
  it('lays out in a worker thread exactly what topicMap lays out on this thread', async () => {
    const threaded = await startTopicMap(matrix, { ...options, workers: 2 }).finish(labels, 3);
    const inline = await startTopicMap(matrix, { ...options, workers: 1 }).finish(labels, 3);
    const reference = topicMap(matrix, labels, 3, options);
    expect(threaded.docs).toHaveLength(200);
    expect(Buffer.from(threaded.positions.buffer)).toEqual(Buffer.from(reference.positions.buffer));
    expect(Buffer.from(inline.positions.buffer)).toEqual(Buffer.from(reference.positions.buffer));
    expect(threaded.clusterPositions).toEqual(reference.clusterPositions);
  });

  it('gives an empty map for a sample of 0 without starting a worker', async () => {
    const map = await startTopicMap(matrix, { ...options, sampleSize: 0, workers: 2 }).finish(labels, 3);
    expect(map.docs).toHaveLength(0);
    expect(map.clusterPositions).toEqual([null, null, null]);
  });
});
