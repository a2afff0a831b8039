/** What the corpus generators produce and the evaluation reads. */

/** `secret` and `personal` spans must be masked; `negative` spans must come out unchanged. */
export type Category = 'secret' | 'personal' | 'negative';

export interface Label {
  /** `[start, end)` in the document text (UTF-16 offsets). */
  readonly start: number;
  readonly end: number;
  readonly category: Category;
  /** Provider or data family the table is grouped by: `github`, `iban`, `uuid`, … */
  readonly family: string;
  /** The precise format inside the family: `github-fine-grained`, `FR-NIR`, … */
  readonly kind: string;
  /** How the value is written: `plain`, `base64`, `json-unicode`, `split-lines`, … */
  readonly form: string;
}

export interface CorpusDocument {
  readonly name: string;
  /** The document template (env file, Kubernetes Secret, …): results can be grouped by it. */
  readonly template: string;
  readonly text: string;
  readonly labels: readonly Label[];
}

export interface Corpus {
  readonly part: 'dev' | 'held-out';
  readonly seed: number;
  readonly documents: readonly CorpusDocument[];
  readonly bytes: number;
}

export function makeCorpus(part: Corpus['part'], seed: number, documents: CorpusDocument[]): Corpus {
  const bytes = documents.reduce((n, d) => n + Buffer.byteLength(d.text, 'utf8'), 0);
  return { part, seed, documents, bytes };
}
