// Selecting the best k of n candidates with a bounded min-heap: O(n log k) and no sort of all n, which matters
// when a common word touches most sections of a large corpus.

/** a ranks below b: lower score, or the same score and a higher id (so results are stable). */
const below = (sa: number, ia: number, sb: number, ib: number): boolean => sa < sb || (sa === sb && ia > ib);

/** The ids among `ids[0..count)` with the k highest `scores[id]`, best first. */
export function topK(ids: Int32Array, count: number, scores: Float64Array, k: number): number[] {
  const size = Math.min(k, count);
  if (size <= 0) return [];
  const heap = new Int32Array(size);
  let n = 0;
  const sift = (from: number): void => {
    let i = from;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < n && below(scores[heap[l]!]!, heap[l]!, scores[heap[m]!]!, heap[m]!)) m = l;
      if (r < n && below(scores[heap[r]!]!, heap[r]!, scores[heap[m]!]!, heap[m]!)) m = r;
      if (m === i) return;
      const t = heap[i]!;
      heap[i] = heap[m]!;
      heap[m] = t;
      i = m;
    }
  };
  for (let c = 0; c < count; c++) {
    const id = ids[c]!;
    const s = scores[id]!;
    if (n < size) {
      let i = n++;
      heap[i] = id;
      while (i > 0) {
        const p = (i - 1) >> 1;
        if (!below(s, id, scores[heap[p]!]!, heap[p]!)) break;
        heap[i] = heap[p]!;
        heap[p] = id;
        i = p;
      }
    } else if (below(scores[heap[0]!]!, heap[0]!, s, id)) {
      heap[0] = id;
      sift(0);
    }
  }
  const out = Array.from(heap.subarray(0, n));
  return out.sort((a, b) => scores[b]! - scores[a]! || a - b);
}
