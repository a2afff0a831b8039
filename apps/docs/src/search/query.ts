import { stem } from './stem.ts';
import { forEachToken, STOP_WORDS } from './tokenize.ts';
import { ONE_EDIT_FROM, TWO_EDITS_FROM } from './vocabulary.ts';

/** How much a match counts, relative to the word as typed. */
export const WEIGHT = { exact: 1, oneEdit: 0.6, twoEdits: 0.4, prefix: 0.5 } as const;

const MAX_QUERY_CHARS = 500;
const MAX_QUERY_TERMS = 24;
const MAX_TYPO_EXPANSIONS = 5;
const MAX_PREFIX_EXPANSIONS = 10;
/** A known term this rare may still be a typo of a common one ("lgo" is in some log line; "log" is everywhere). */
const RARE_DF = 2;
const HAS_DIGIT = /\d/;

export interface QueryTerm {
  /** The stemmed term. */
  term: string;
  /** As typed, lowercased, before stemming: prefixes are matched on it. */
  word: string;
  /** The joined form of a multi-part identifier: a bonus when present, never required. */
  compound: boolean;
  /** Ends the query, so it may be a word still being typed. */
  last: boolean;
}

/** The terms of a query: stop words dropped (unless nothing else is left), repeats merged. */
export function parseQuery(query: string): QueryTerm[] {
  const tokens: (QueryTerm & { end: number })[] = [];
  let lastEnd = -1;
  forEachToken(query.slice(0, MAX_QUERY_CHARS), (word, compound, _chunk, _start, end) => {
    tokens.push({ term: stem(word), word, compound, last: false, end });
    if (end > lastEnd) lastEnd = end;
  });
  const content = tokens.filter((t) => t.compound || !STOP_WORDS.has(t.word));
  const chosen = content.some((t) => !t.compound) ? content : tokens;
  const byTerm = new Map<string, QueryTerm>();
  for (const t of chosen) {
    const last = t.end === lastEnd;
    const known = byTerm.get(t.term);
    if (known) {
      known.compound &&= t.compound;
      known.last ||= last;
    } else if (byTerm.size < MAX_QUERY_TERMS) {
      byTerm.set(t.term, { term: t.term, word: t.word, compound: t.compound, last });
    }
  }
  return [...byTerm.values()];
}

export interface Expansion {
  id: number;
  weight: number;
}

export interface TermGroup {
  term: QueryTerm;
  /** Index terms standing for the query term; a section scores its best one. */
  expansions: Expansion[];
}

/** What query planning needs from the index; `df` counts sections in the collections being searched. */
export interface Lexicon {
  id(term: string): number | undefined;
  df(id: number): number;
  withPrefix(prefix: string, visit: (id: number) => void): void;
  near(term: string, maxDistance: number, visit: (id: number, distance: number) => void): void;
}

/** Edits a word may be off by: none under 4 letters or with digits ("v18" is not a typo of "v16"). */
function editBudget(word: string): number {
  if (HAS_DIGIT.test(word)) return 0;
  return word.length >= TWO_EDITS_FROM ? 2 : word.length >= ONE_EDIT_FROM ? 1 : 0;
}

/**
 * The closest spellings of a query term, near the word as typed and near its stem; a term that is known but
 * rare is corrected only towards spellings that are far more common.
 */
function typoExpansions(
  term: QueryTerm,
  exact: number | undefined,
  exactDf: number,
  lexicon: Lexicon,
): Expansion[] {
  const budget = editBudget(term.word);
  if (term.compound || exactDf > RARE_DF || budget === 0) return [];
  const floor = exactDf === 0 ? 1 : Math.max(10, exactDf * 10);
  const distances = new Map<number, number>();
  const visit = (id: number, distance: number): void => {
    if (id === exact || lexicon.df(id) < floor) return;
    if ((distances.get(id) ?? Number.POSITIVE_INFINITY) > distance) distances.set(id, distance);
  };
  lexicon.near(term.word, budget, visit);
  const stemBudget = editBudget(term.term);
  if (term.term !== term.word && stemBudget > 0) lexicon.near(term.term, stemBudget, visit);
  if (distances.size === 0) return [];
  const closest = Math.min(...distances.values());
  const weight = closest === 1 ? WEIGHT.oneEdit : WEIGHT.twoEdits;
  return [...distances]
    .filter(([, d]) => d === closest)
    .map(([id]) => id)
    .sort((a, b) => lexicon.df(b) - lexicon.df(a) || a - b)
    .slice(0, MAX_TYPO_EXPANSIONS)
    .map((id) => ({ id, weight }));
}

/** The most common longer words starting with the last word of the query. */
function prefixExpansions(term: QueryTerm, exact: number | undefined, lexicon: Lexicon): Expansion[] {
  if (!term.last || term.word.length < 3) return [];
  const found = new Set<number>();
  lexicon.withPrefix(term.word, (id) => {
    if (id !== exact && lexicon.df(id) > 0) found.add(id);
  });
  return [...found]
    .sort((a, b) => lexicon.df(b) - lexicon.df(a) || a - b)
    .slice(0, MAX_PREFIX_EXPANSIONS)
    .map((id) => ({ id, weight: WEIGHT.prefix }));
}

/**
 * Each query term with the index terms it stands for: itself when present, the closest spellings when it is
 * absent or rare (typos), longer words when it ends the query (prefixes), the latter two weighted lower. Terms
 * that stand for nothing are left out.
 */
export function planQuery(query: string, lexicon: Lexicon): TermGroup[] {
  const groups: TermGroup[] = [];
  for (const term of parseQuery(query)) {
    const exact = lexicon.id(term.term);
    const exactDf = exact === undefined ? 0 : lexicon.df(exact);
    const weights = new Map<number, number>();
    if (exact !== undefined && exactDf > 0) weights.set(exact, WEIGHT.exact);
    for (const e of [
      ...typoExpansions(term, exact, exactDf, lexicon),
      ...prefixExpansions(term, exact, lexicon),
    ]) {
      if ((weights.get(e.id) ?? 0) < e.weight) weights.set(e.id, e.weight);
    }
    if (weights.size > 0) {
      groups.push({ term, expansions: [...weights].map(([id, weight]) => ({ id, weight })) });
    }
  }
  return groups;
}
