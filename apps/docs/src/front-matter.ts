import { parse } from 'yaml';

export interface FrontMatter {
  readonly meta: Record<string, unknown>;
  readonly body: string;
  /** Lines the front matter block took, so section line numbers match the file. */
  readonly lineOffset: number;
  /** Why the front matter was ignored, when it could not be read. */
  readonly problem?: string;
}

/** Splits a `---` YAML front matter block from Markdown. Invalid YAML is reported, and the body still indexed. */
export function splitFrontMatter(text: string): FrontMatter {
  if (!text.startsWith('---\n') && !text.startsWith('---\r\n'))
    return { meta: {}, body: text, lineOffset: 0 };
  const end = text.search(/\r?\n---\s*(\r?\n|$)/);
  if (end === -1) return { meta: {}, body: text, lineOffset: 0, problem: 'front matter has no closing ---' };
  const yamlText = text.slice(text.indexOf('\n') + 1, end);
  const rest = text.slice(end).replace(/^\r?\n---[^\n]*(\n|$)/, '');
  const lineOffset = text.slice(0, text.length - rest.length).split('\n').length - 1;
  try {
    const meta = parse(yamlText, { maxAliasCount: 10 }) as unknown;
    if (meta === null || meta === undefined) return { meta: {}, body: rest, lineOffset };
    if (typeof meta !== 'object' || Array.isArray(meta)) {
      return { meta: {}, body: rest, lineOffset, problem: 'front matter is not a mapping of keys to values' };
    }
    return { meta: normalizeDates(meta as Record<string, unknown>), body: rest, lineOffset };
  } catch (error) {
    const message = (error as Error).message.split('\n')[0];
    return { meta: {}, body: rest, lineOffset, problem: `front matter is not valid YAML: ${message}` };
  }
}

/** YAML dates arrive as Date objects; keep them as the YYYY-MM-DD strings people wrote. */
function normalizeDates(meta: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(meta)) {
    out[key] = value instanceof Date ? value.toISOString().slice(0, 10) : value;
  }
  return out;
}
