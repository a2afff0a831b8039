import { documentGenerators } from './documents.ts';
import { createRng, type Rng } from './fakes.ts';

/**
 * A labelled corpus for the redaction benchmark: realistic tool outputs (logs, JSON documents, env files, code,
 * stack traces, prose) with planted secrets and personal data (positives) and look-alikes that must survive
 * (hard negatives), each labelled with its kind and exact span. Deterministic: same seed, same corpus.
 */

export interface Label {
  readonly kind: string;
  readonly start: number;
  readonly end: number;
  /** True for a planted secret / personal datum, false for a hard negative. */
  readonly positive: boolean;
}

export interface CorpusDocument {
  readonly id: number;
  readonly type: string;
  /** File name handed to secretlint, whose rules key some checks on the extension. */
  readonly fileName: string;
  readonly text: string;
  readonly labels: readonly Label[];
}

export interface Corpus {
  readonly seed: number;
  readonly documents: readonly CorpusDocument[];
  readonly bytes: number;
}

/** Appends text and planted items, recording each item's span as it goes. */
export interface DocBuilder {
  /** Plain text. */
  t(text: string): DocBuilder;
  /** A secret or personal datum that must be redacted. */
  p(kind: string, value: string): DocBuilder;
  /** A hard negative that must survive. */
  n(kind: string, value: string): DocBuilder;
  readonly length: number;
}

export type DocumentGenerator = (r: Rng, b: DocBuilder) => void;

function createBuilder(): DocBuilder & { build(): { text: string; labels: Label[] } } {
  const parts: string[] = [];
  const labels: Label[] = [];
  let length = 0;
  const add = (text: string, kind?: string, positive?: boolean) => {
    if (kind !== undefined)
      labels.push({ kind, start: length, end: length + text.length, positive: positive ?? true });
    parts.push(text);
    length += text.length;
  };
  const builder = {
    t(text: string) {
      add(text);
      return builder;
    },
    p(kind: string, value: string) {
      add(value, kind, true);
      return builder;
    },
    n(kind: string, value: string) {
      add(value, kind, false);
      return builder;
    },
    get length() {
      return length;
    },
    build: () => ({ text: parts.join(''), labels }),
  };
  return builder;
}

export interface CorpusOptions {
  readonly seed?: number;
  /** Stop adding documents once the corpus holds this many UTF-8 bytes. */
  readonly targetBytes?: number;
}

export function generateCorpus(options: CorpusOptions = {}): Corpus {
  const seed = options.seed ?? 20240315;
  const targetBytes = options.targetBytes ?? 3_000_000;
  const r = createRng(seed);
  const documents: CorpusDocument[] = [];
  let bytes = 0;
  while (bytes < targetBytes) {
    const generator = r.pick(documentGenerators);
    const b = createBuilder();
    generator.generate(r, b);
    const { text, labels } = b.build();
    documents.push({
      id: documents.length,
      type: generator.type,
      fileName: `doc-${documents.length}${generator.ext}`,
      text,
      labels,
    });
    bytes += Buffer.byteLength(text, 'utf8');
  }
  return { seed, documents, bytes };
}
