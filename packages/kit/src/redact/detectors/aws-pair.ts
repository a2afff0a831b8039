import { B64STD, B64URL, CLASSES, DIGIT, EQUALS, LOWER, PLUS, SLASH, UPPER } from '../chars.ts';
import type { Emit } from '../detector.ts';

/**
 * An AWS secret access key has no format of its own (40 base64 characters), but it travels with its key id:
 * side by side in a log line, in the columns of IAM's credentials CSV, on the next line of a config. Within a
 * short window around a key id, a standalone run of exactly 40 such characters that mixes cases and digits (or
 * holds `/` or `+`) is its secret. Git SHAs and other hex are never mixed-case, so they stay.
 */

const WINDOW = 200;
const SECRET_LENGTH = 40;
/** Characters that would make a 40-character run part of something longer. */
const GLUE = B64STD | B64URL | EQUALS;

function isSecretShape(text: string, start: number): boolean {
  let bits = 0;
  for (let i = start; i < start + SECRET_LENGTH; i++) bits |= CLASSES[text.charCodeAt(i)]!;
  if ((bits & (PLUS | SLASH)) !== 0) return (bits & (UPPER | LOWER)) !== 0;
  return (bits & UPPER) !== 0 && (bits & LOWER) !== 0 && (bits & DIGIT) !== 0;
}

export function findAwsSecretNear(text: string, keyStart: number, keyEnd: number, emit: Emit): void {
  const scan = (from: number, to: number): void => {
    let i = Math.max(0, from);
    const stop = Math.min(text.length, to);
    while (i < stop) {
      if ((CLASSES[text.charCodeAt(i)]! & B64STD) === 0) {
        i++;
        continue;
      }
      const start = i;
      const limit = Math.min(text.length, start + SECRET_LENGTH + 1);
      while (i < limit && (CLASSES[text.charCodeAt(i)]! & B64STD) !== 0) i++;
      const glued =
        (CLASSES[text.charCodeAt(start - 1)]! & GLUE) !== 0 || (CLASSES[text.charCodeAt(i)]! & GLUE) !== 0;
      if (i - start === SECRET_LENGTH && !glued && isSecretShape(text, start)) {
        if (!text.slice(start, i).includes('EXAMPLE')) emit(start, i, 'aws_secret_key');
      }
      // The rest of a run longer than a secret is skipped whole.
      while (i < stop && (CLASSES[text.charCodeAt(i)]! & B64STD) !== 0) i++;
    }
  };
  scan(keyEnd, keyEnd + WINDOW);
  scan(keyStart - WINDOW, keyStart);
}
