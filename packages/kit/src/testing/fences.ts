import { FENCE_CLOSE, FENCE_OPEN } from '../shape/fence.ts';
import { fenceTagBrackets } from '../shape/fence-tags.ts';

export interface FenceLayout {
  /** Every line the kit wrote outside a fence, as the model reads it. */
  readonly outside: readonly string[];
  /** Each fence's source attribute and its body lines (indentation kept). */
  readonly fences: readonly { readonly source: string; readonly lines: readonly string[] }[];
}

const OPEN_LINE = /^\s*<untrusted-data source="([^"\n]*)">$/;

/**
 * A text form as a model reads it: which lines are outside the kit's fences and what each fence holds. Throws
 * when the fences are not well formed — a fence left open or closed twice, a fence inside a fence, or any
 * spelling of a fence tag (look-alikes included) inside a fence's body — so a test of third-party text can
 * assert on `outside` alone.
 */
export function fenceLayout(text: string): FenceLayout {
  const outside: string[] = [];
  const fences: { source: string; lines: string[] }[] = [];
  let current: { source: string; lines: string[] } | undefined;
  for (const line of text.split('\n')) {
    const open = OPEN_LINE.exec(line);
    if (current === undefined) {
      if (open) {
        current = { source: open[1] as string, lines: [] };
        fences.push(current);
      } else if (line.trim() === FENCE_CLOSE) {
        throw new Error(`a fence is closed that was not open: ${JSON.stringify(text)}`);
      } else {
        outside.push(line);
      }
    } else if (line.trim() === FENCE_CLOSE) {
      const body = current.lines.join('\n');
      if (fenceTagBrackets(body).length > 0 || body.includes(FENCE_OPEN)) {
        throw new Error(`a fence tag inside fence ${current.source}: ${JSON.stringify(body)}`);
      }
      current = undefined;
    } else if (open) {
      throw new Error(`a fence opened inside fence ${current.source}: ${JSON.stringify(line)}`);
    } else {
      current.lines.push(line);
    }
  }
  if (current !== undefined) throw new Error(`fence ${current.source} is never closed`);
  return { outside, fences };
}
