import type { Corpus } from './corpus.ts';

/** A reported span `[start, end)` in one document. */
export type Finding = readonly [start: number, end: number];

export interface KindScore {
  readonly total: number;
  readonly hit: number;
}

export interface Evaluation {
  /** Planted items found (a finding overlaps the item's span), per kind. */
  readonly positives: ReadonlyMap<string, KindScore>;
  /** Hard negatives touched by a finding (false positives), per kind. */
  readonly negatives: ReadonlyMap<string, KindScore>;
  /** Findings that overlap no planted item: false positives on filler text, or on labelled negatives. */
  readonly strayFindings: number;
  readonly findings: number;
}

const overlaps = (finding: Finding, start: number, end: number): boolean =>
  finding[0] < end && start < finding[1];

function bump(map: Map<string, { total: number; hit: number }>, kind: string, hit: boolean): void {
  const score = map.get(kind) ?? { total: 0, hit: 0 };
  score.total++;
  if (hit) score.hit++;
  map.set(kind, score);
}

/** Score one tool's findings (indexed like `corpus.documents`) against the corpus labels. */
export function evaluate(corpus: Corpus, findings: readonly (readonly Finding[])[]): Evaluation {
  const positives = new Map<string, { total: number; hit: number }>();
  const negatives = new Map<string, { total: number; hit: number }>();
  let strayFindings = 0;
  let count = 0;
  corpus.documents.forEach((doc, i) => {
    const found = findings[i] ?? [];
    count += found.length;
    for (const label of doc.labels) {
      const hit = found.some((finding) => overlaps(finding, label.start, label.end));
      bump(label.positive ? positives : negatives, label.kind, hit);
    }
    for (const finding of found) {
      if (!doc.labels.some((label) => label.positive && overlaps(finding, label.start, label.end)))
        strayFindings++;
    }
  });
  return { positives, negatives, strayFindings, findings: count };
}

/** hit / total over the given kinds (all kinds when omitted). */
export function rate(scores: ReadonlyMap<string, KindScore>, kinds?: readonly string[]): number {
  let total = 0;
  let hit = 0;
  for (const [kind, score] of scores) {
    if (kinds !== undefined && !kinds.includes(kind)) continue;
    total += score.total;
    hit += score.hit;
  }
  return total === 0 ? 0 : hit / total;
}
