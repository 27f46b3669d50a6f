import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { tfidf } from '../../../pipelines/features/tfidf.ts';
import { topicMap } from '../../../pipelines/map/topic-map.ts';
import { TextAnalyzer } from '../../../pipelines/text/analyze.ts';
import { countsOf } from '../features/helpers.ts';

const analyzer = new TextAnalyzer({ bigrams: false });
const abstracts = gunzipSync(readFileSync('data/arxiv-cs-sample.jsonl.gz'))
  .toString('utf8')
  .split('\n', 400)
  .map((line) => JSON.parse(line) as { title: string; abstract: string })
  .map((doc) => analyzer.analyze(`${doc.title}. ${doc.abstract}`));
const { matrix } = tfidf(countsOf(abstracts).counts, { smoothIdf: true, sublinearTf: true, norm: 'l2' });
const labels = Int32Array.from({ length: matrix.nRows }, (_, i) => i % 3);

describe('topicMap(matrix, labels, k, options)', () => {
  it('places a sample of sampleSize documents, byte-identical for the same seed', () => {
    const first = topicMap(matrix, labels, 4, { sampleSize: 300, seed: 42, nComponents: 20 });
    const second = topicMap(matrix, labels, 4, { sampleSize: 300, seed: 42, nComponents: 20 });
    expect(first.docs.length).toBe(300);
    expect(first.positions.length).toBe(600);
    expect(first.positions.every(Number.isFinite)).toBe(true);
    expect(Buffer.from(second.positions.buffer).equals(Buffer.from(first.positions.buffer))).toBe(true);
    expect(second.docs).toEqual(first.docs);
  });

  it('puts each cluster at the mean of its sampled members; a cluster without members has no position', () => {
    const map = topicMap(matrix, labels, 4, { sampleSize: 300, seed: 42, nComponents: 20 });
    const members = [...map.docs.keys()].filter((i) => labels[map.docs[i]!] === 1);
    const meanX = members.reduce((sum, i) => sum + map.positions[2 * i]!, 0) / members.length;
    expect(map.clusterPositions[1]!.x).toBeCloseTo(meanX, 12);
    expect(map.clusterPositions[3]).toBeNull();
  });

  it('is empty when disabled with sampleSize 0', () => {
    const map = topicMap(matrix, labels, 3, { sampleSize: 0, seed: 42 });
    expect(map.docs.length).toBe(0);
    expect(map.clusterPositions).toEqual([null, null, null]);
  });
});
