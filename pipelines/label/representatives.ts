/** Representative docs of each cluster: the members most similar to its centroid. */

/** Per cluster, the indices of its `n` members with the highest similarity, best first, ties by index. */
export function representatives(labels: Int32Array, similarities: Float32Array, k: number, n: number): Int32Array[] {
  const members: number[][] = Array.from({ length: k }, () => []);
  labels.forEach((c, i) => members[c]!.push(i));
  return members.map((docs) =>
    Int32Array.from(docs.sort((a, b) => similarities[b]! - similarities[a]! || a - b).slice(0, n)),
  );
}
