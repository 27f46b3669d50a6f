/**
 * The topic map: a deterministic sample of documents laid out in 2D. TF-IDF rows -> randomized truncated SVD
 * (`truncated-svd.ts`, 20 components) -> rows scaled to unit length (so Euclidean distance ranks neighbours as
 * cosine does) -> UMAP (umap-js, 15 neighbours, 150 epochs, seeded). A cluster's position is the mean of its sampled
 * members' positions (null when none is sampled): the centroid itself is not embedded, because UMAP places only
 * the points it was fitted on. Same input and seed give identical coordinates. 5,000 documents take a few seconds.
 */
import { UMAP } from 'umap-js';
import { createRng, sampleIndices } from '../cluster/random.ts';
import type { Csr } from '../features/csr.ts';
import { truncatedSvd } from './truncated-svd.ts';

export interface TopicMapOptions {
  /** Documents placed on the map; 0 disables it. Default 5,000. */
  sampleSize: number;
  seed: number;
  /** SVD components fed to UMAP; default 20 (umap-js, not the SVD, dominates the cost; measured). */
  nComponents?: number;
  /** UMAP neighbourhood size; default 15. */
  nNeighbors?: number;
}

export interface TopicMap {
  /** Sampled document indices, ascending. */
  docs: Int32Array;
  /** Position of docs[i] at (2i, 2i + 1). */
  positions: Float64Array;
  /** Per cluster: mean position of its sampled members, or null. */
  clusterPositions: ({ x: number; y: number } | null)[];
}

export function topicMap(matrix: Csr, labels: Int32Array, k: number, options: TopicMapOptions): TopicMap {
  const size = Math.min(options.sampleSize, matrix.nRows);
  // UMAP needs more points than neighbours; below that a map says nothing.
  const nNeighbors = options.nNeighbors ?? 15;
  if (size <= nNeighbors + 1)
    return { docs: new Int32Array(0), positions: new Float64Array(0), clusterPositions: Array(k).fill(null) };

  const docs = sampleIndices(matrix.nRows, size, createRng(options.seed));
  const nComponents = options.nComponents ?? 20;
  const embedding = truncatedSvd(matrix, docs, { nComponents, seed: options.seed });
  const width = embedding.length / size;
  const vectors = Array.from({ length: size }, (_, i) => {
    const row = Array.from(embedding.subarray(i * width, (i + 1) * width));
    const norm = Math.hypot(...row);
    return norm === 0 ? row : row.map((value) => value / norm);
  });
  const rng = createRng(options.seed ^ 0x5bd1e995);
  const umap = new UMAP({ nComponents: 2, nNeighbors, minDist: 0.1, nEpochs: 150, random: () => rng.next() });
  const layout = umap.fit(vectors);

  const positions = new Float64Array(2 * size);
  const sums = new Float64Array(3 * k);
  layout.forEach(([x, y], i) => {
    positions[2 * i] = x!;
    positions[2 * i + 1] = y!;
    const cluster = labels[docs[i]!]!;
    sums[3 * cluster]! += x!;
    sums[3 * cluster + 1]! += y!;
    sums[3 * cluster + 2]! += 1;
  });
  const clusterPositions = Array.from({ length: k }, (_, c) => {
    const n = sums[3 * c + 2]!;
    return n === 0 ? null : { x: sums[3 * c]! / n, y: sums[3 * c + 1]! / n };
  });
  return { docs, positions, clusterPositions };
}
