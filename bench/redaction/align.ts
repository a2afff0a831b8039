/**
 * Which input characters survive redaction. The redactor replaces spans with `[REDACTED:<kind>]` markers and
 * leaves the rest alone, so the literal pieces between markers appear in the input, in order; finding them gives
 * a per-character "kept" mask without depending on how the redactor reports its findings.
 */

const MARKER = /\[REDACTED(?::[^\]\n]{0,80})?\]/g;

/**
 * 1 for every input character that is still in the output, 0 for one a marker replaced; undefined when the
 * output is not the input with spans replaced by markers (the redactor rewrote something else).
 */
export function keptMask(input: string, output: string): Uint8Array | undefined {
  const mask = new Uint8Array(input.length);
  if (output === input) return mask.fill(1);
  const pieces = output.split(MARKER);
  // Adjacent markers leave an empty piece between them: one replaced stretch either way.
  const literals = [pieces[0]!, ...pieces.slice(1, -1).filter((p) => p !== ''), pieces.at(-1)!];
  if (literals.length === 1) return input === output ? mask.fill(1) : undefined;
  const first = literals[0]!;
  const last = literals.at(-1)!;
  if (!input.startsWith(first) || !input.endsWith(last)) return undefined;
  const starts = place(input, literals, first.length, input.length - last.length);
  if (!starts) return undefined;
  mask.fill(1, 0, first.length);
  mask.fill(1, input.length - last.length);
  literals.slice(1, -1).forEach((lit, i) => {
    mask.fill(1, starts[i]!, starts[i]! + lit.length);
  });
  return mask;
}

/**
 * Start offsets for the middle literals, each after at least one replaced character, the last one ending before
 * `limit` with at least one replaced character to spare. Earliest placement first, backtracking on dead ends.
 */
function place(
  input: string,
  literals: readonly string[],
  from: number,
  limit: number,
): number[] | undefined {
  const middle = literals.slice(1, -1);
  const dead = new Set<string>();
  const out: number[] = [];
  const solve = (i: number, pos: number): boolean => {
    if (i === middle.length) return pos < limit;
    const memo = `${i}:${pos}`;
    if (dead.has(memo)) return false;
    const lit = middle[i]!;
    let at = input.indexOf(lit, pos + 1);
    while (at !== -1 && at + lit.length < limit) {
      out.push(at);
      if (solve(i + 1, at + lit.length)) return true;
      out.pop();
      at = input.indexOf(lit, at + 1);
    }
    dead.add(memo);
    return false;
  };
  return solve(0, from) ? out : undefined;
}

/** A kept mask from reported `[start, end)` ranges (for tools that report findings instead of rewriting). */
export function maskFromRanges(length: number, ranges: readonly (readonly [number, number])[]): Uint8Array {
  const mask = new Uint8Array(length).fill(1);
  for (const [start, end] of ranges) mask.fill(0, Math.max(0, start), Math.min(length, end));
  return mask;
}

/**
 * The kept mask when the redactor also deletes characters (invisible and bidi controls) before redacting:
 * `stripped` is the input after that deletion. Deleted characters take the state of the visible character
 * before them, so a zero-width space inside a masked secret counts as masked and one in plain text as kept.
 */
export function keptMaskThroughDeletion(
  input: string,
  stripped: string,
  output: string,
): Uint8Array | undefined {
  const inner = keptMask(stripped, output);
  if (!inner) return undefined;
  const mask = new Uint8Array(input.length);
  let j = 0;
  let previous = 1;
  for (let i = 0; i < input.length; i++) {
    if (j < stripped.length && input[i] === stripped[j]) {
      previous = inner[j++]!;
      mask[i] = previous;
    } else mask[i] = previous;
  }
  return j === stripped.length ? mask : undefined;
}
