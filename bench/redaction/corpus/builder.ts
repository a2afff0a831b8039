import type { Category, CorpusDocument, Label } from './types.ts';

/** A value to place in a document together with its label. */
export interface Span {
  readonly category: Category;
  readonly family: string;
  readonly kind: string;
  readonly form: string;
  /** The text exactly as it appears in the document (already encoded). */
  readonly text: string;
}

export const secret = (family: string, kind: string, text: string, form = 'plain'): Span => ({
  category: 'secret',
  family,
  kind,
  form,
  text,
});

export const personal = (family: string, kind: string, text: string, form = 'plain'): Span => ({
  category: 'personal',
  family,
  kind,
  form,
  text,
});

export const negative = (family: string, text: string, kind = family, form = 'plain'): Span => ({
  category: 'negative',
  family,
  kind,
  form,
  text,
});

/** The same label on a re-encoded value (base64 of a token, …). */
export const encoded = (span: Span, form: string, text: string): Span => ({ ...span, form, text });

export type Part = string | number | Span | readonly Part[];

function isSpan(part: Part): part is Span {
  return typeof part === 'object' && part !== null && !Array.isArray(part) && 'category' in part;
}

/** Builds one document: literal text plus labelled spans, offsets tracked as text is appended. */
export class DocBuilder {
  private text = '';
  private readonly labels: Label[] = [];

  /** Tagged template: `b.add\`password=${secret(...)}\n\``; nested arrays of parts are flattened. */
  add(strings: TemplateStringsArray, ...parts: Part[]): this {
    for (let i = 0; i < strings.length; i++) {
      this.text += strings[i];
      if (i < parts.length) this.put(parts[i]!);
    }
    return this;
  }

  put(part: Part): this {
    if (Array.isArray(part)) {
      for (const p of part as readonly Part[]) this.put(p);
    } else if (isSpan(part)) {
      const start = this.text.length;
      this.text += part.text;
      this.labels.push({
        start,
        end: this.text.length,
        category: part.category,
        family: part.family,
        kind: part.kind,
        form: part.form,
      });
    } else {
      this.text += String(part);
    }
    return this;
  }

  get length(): number {
    return this.text.length;
  }

  build(name: string, template: string): CorpusDocument {
    return { name, template, text: this.text, labels: [...this.labels] };
  }
}
