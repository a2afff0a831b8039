import type { ParsedDoc } from '@gatehouse/docs/search';
import { mulberry32 } from './random.ts';

export const QUERY_KINDS = ['word', 'phrase', 'identifier', 'typo', 'prefix'] as const;
export type QueryKind = (typeof QUERY_KINDS)[number];

export interface BenchQuery {
  readonly kind: QueryKind;
  readonly text: string;
  /** For typo queries: the corpus word the query misspells. */
  readonly intended?: string;
}

const IDENTIFIER = /\b(?:[a-z]+(?:[A-Z][a-z0-9]+)+|[a-z]+(?:-[a-z0-9]+){1,3})\b/g;

/** Distinct words (4-14 letters, lowercase or capitalised, seen at least twice) and identifiers of the corpus, in a fixed order. */
function vocabulary(docs: readonly ParsedDoc[]): { words: string[]; identifiers: string[] } {
  const counts = new Map<string, number>();
  const identifiers = new Set<string>();
  for (const doc of docs) {
    for (const section of doc.sections) {
      // Whole words only: a 14-letter cut of a longer identifier is no word anyone types.
      for (const m of section.text.matchAll(/\b[A-Za-z][a-z]{3,13}\b/g)) {
        const w = m[0].toLowerCase();
        counts.set(w, (counts.get(w) ?? 0) + 1);
      }
      for (const m of section.text.matchAll(IDENTIFIER)) identifiers.add(m[0]);
    }
  }
  const words = [...counts].filter(([, n]) => n >= 2).map(([w]) => w);
  return { words: words.sort(), identifiers: [...identifiers].sort() };
}

/** One edit that is not at the first letter (people rarely mistype that): swap, drop, replace or insert. */
function typo(word: string, random: () => number): string {
  for (;;) {
    const t = edit(word, random);
    if (t !== word) return t; // swapping "ll" or replacing a letter by itself is no typo
  }
}

function edit(word: string, random: () => number): string {
  const i = 1 + Math.floor(random() * (word.length - 2));
  const letter = 'abcdefghijklmnopqrstuvwxyz'[Math.floor(random() * 26)]!;
  switch (Math.floor(random() * 4)) {
    case 0:
      return word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
    case 1:
      return word.slice(0, i) + word.slice(i + 1);
    case 2:
      return word.slice(0, i) + letter + word.slice(i + 1);
    default:
      return word.slice(0, i) + letter + word.slice(i);
  }
}

/**
 * `count` queries, the same for the same corpus and seed, in equal shares: single corpus words, 2-4 word runs
 * taken from section text, identifiers (camelCase, kebab-case), words with one typo, and word prefixes.
 */
export function makeQueries(docs: readonly ParsedDoc[], count: number, seed: number): BenchQuery[] {
  const random = mulberry32(seed);
  const { words, identifiers } = vocabulary(docs);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const sections = docs.flatMap((d) => d.sections).filter((s) => s.text.length > 200);
  const long = words.filter((w) => w.length >= 6);
  const out: BenchQuery[] = [];
  for (let i = 0; out.length < count; i++) {
    const kind = QUERY_KINDS[i % QUERY_KINDS.length]!;
    if (kind === 'word') out.push({ kind, text: pick(words) });
    else if (kind === 'phrase') {
      const run = (
        pick(sections)
          .text.slice(0, 3000)
          .match(/[A-Za-z]+/g) ?? []
      ).filter((w) => w.length > 1);
      const n = 2 + Math.floor(random() * 3);
      const at = Math.floor(random() * Math.max(1, run.length - n));
      out.push({ kind, text: run.slice(at, at + n).join(' ') || pick(words) });
    } else if (kind === 'identifier') {
      out.push({ kind, text: identifiers.length > 0 ? pick(identifiers) : pick(words) });
    } else if (kind === 'typo') {
      const word = pick(long);
      out.push({ kind, text: typo(word, random), intended: word });
    } else {
      const word = pick(long);
      const prefix = word.slice(0, 3 + Math.floor(random() * 3));
      out.push({ kind, text: random() < 0.5 ? `${pick(words)} ${prefix}` : prefix });
    }
  }
  return out;
}
