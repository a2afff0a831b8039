/**
 * Scoring one part of the corpus from per-character "kept" masks (see align.ts):
 * - a secret counts as caught only if no run of 8 or more of its characters (all of it, when shorter) survives;
 * - a personal item counts as caught only if at most 4 of its letters/digits survive (a country code or the last
 *   four digits may stay; the rest may not) — for an email, at most 2 characters of the local part;
 * - a hard negative counts as a false positive if any of its characters changed;
 * - collateral is every changed character outside the labelled secret/personal spans.
 */
import type { Category, Corpus, CorpusDocument, Label } from './corpus/types.ts';

export interface Score {
  total: number;
  /** Caught (secret/personal) or changed (negative). */
  hit: number;
}

export interface Miss {
  readonly document: string;
  readonly label: Label;
  readonly text: string;
}

export interface Evaluation {
  readonly byFamily: Map<string, Score & { category: Category }>;
  readonly byKind: Map<string, Score & { category: Category; family: string }>;
  readonly byForm: Map<string, Score & { category: Category }>;
  readonly byCategory: Map<Category, Score>;
  readonly misses: Miss[];
  readonly falsePositives: Miss[];
  /** Changed characters outside secret/personal spans (inside negatives or unlabelled text). */
  collateral: number;
  /** Of which inside no label at all. */
  collateralUnlabelled: number;
  inputChars: number;
  /** Documents whose output could not be aligned to the input (scored as if nothing were redacted). */
  unaligned: number;
}

export function emptyEvaluation(): Evaluation {
  return {
    byFamily: new Map(),
    byKind: new Map(),
    byForm: new Map(),
    byCategory: new Map(),
    misses: [],
    falsePositives: [],
    collateral: 0,
    collateralUnlabelled: 0,
    inputChars: 0,
    unaligned: 0,
  };
}

function bump<K, V extends Score>(map: Map<K, V>, key: K, make: () => V, hit: boolean): void {
  let s = map.get(key);
  if (!s) {
    s = make();
    map.set(key, s);
  }
  s.total++;
  if (hit) s.hit++;
}

const isAlnum = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

/** Whether a secret/personal label is masked well enough in `mask` (1 = kept). */
export function caught(doc: CorpusDocument, label: Label, mask: Uint8Array): boolean {
  const { start, end } = label;
  if (label.category === 'secret') {
    const need = Math.min(8, end - start);
    let run = 0;
    for (let i = start; i < end; i++) {
      run = mask[i] ? run + 1 : 0;
      if (run >= need) return false;
    }
    return true;
  }
  const text = doc.text.slice(start, end);
  if (label.family === 'email') {
    const at = text.search(/@|%40/);
    const localEnd = start + (at === -1 ? end - start : at);
    let kept = 0;
    for (let i = start; i < localEnd; i++) kept += mask[i]!;
    return kept <= Math.min(2, localEnd - start - 1);
  }
  let kept = 0;
  for (let i = start; i < end; i++) if (mask[i] && isAlnum(doc.text.charCodeAt(i))) kept++;
  return kept <= 4;
}

/** Add one document's result to `into`. `mask` undefined = output not alignable (counted, scored as unredacted). */
export function scoreDocument(into: Evaluation, doc: CorpusDocument, mask: Uint8Array | undefined): void {
  into.inputChars += doc.text.length;
  if (!mask) {
    into.unaligned++;
    mask = new Uint8Array(doc.text.length).fill(1);
  }
  const inPositive = new Uint8Array(doc.text.length);
  const inAnyLabel = new Uint8Array(doc.text.length);
  for (const label of doc.labels) {
    inAnyLabel.fill(1, label.start, label.end);
    if (label.category !== 'negative') inPositive.fill(1, label.start, label.end);
  }
  for (const label of doc.labels) {
    let hit: boolean;
    if (label.category === 'negative') {
      hit = mask.subarray(label.start, label.end).includes(0);
      if (hit)
        into.falsePositives.push({ document: doc.name, label, text: doc.text.slice(label.start, label.end) });
    } else {
      hit = caught(doc, label, mask);
      if (!hit) into.misses.push({ document: doc.name, label, text: doc.text.slice(label.start, label.end) });
    }
    const cat = label.category;
    bump(into.byFamily, label.family, () => ({ total: 0, hit: 0, category: cat }), hit);
    bump(
      into.byKind,
      `${label.family}/${label.kind}`,
      () => ({ total: 0, hit: 0, category: cat, family: label.family }),
      hit,
    );
    bump(into.byForm, `${cat}:${label.form}`, () => ({ total: 0, hit: 0, category: cat }), hit);
    bump(into.byCategory, cat, () => ({ total: 0, hit: 0 }), hit);
  }
  for (let i = 0; i < mask.length; i++) {
    if (mask[i] || inPositive[i]) continue;
    into.collateral++;
    if (!inAnyLabel[i]) into.collateralUnlabelled++;
  }
}

export function evaluateCorpus(corpus: Corpus, masks: readonly (Uint8Array | undefined)[]): Evaluation {
  const e = emptyEvaluation();
  corpus.documents.forEach((doc, i) => {
    scoreDocument(e, doc, masks[i]);
  });
  return e;
}

export const rate = (s: Score | undefined): number => (s && s.total > 0 ? s.hit / s.total : 0);
