/**
 * The speed half of issue 11's linear-time requirement: no input shape may cost more than 50 ms per MB. Measured
 * as a ratio to a plain linear scan of the same text (a loop summing its character codes, ~1.5 ms/MB on the
 * reference 2-core box, so 50 ms/MB ≈ 33×), over every adversarial shape of the kit's linear-time measure, in a
 * child process of its own (no test runner, no other work in it). The linearity proof itself — cost growth with
 * length — is a test (packages/kit/src/redact/linear-time.test.ts); this bound is a speed aim, so it lives here.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const ADVERSARIAL_BOUND = 33;
const MEASURE = fileURLToPath(
  new URL('../../packages/kit/src/redact/linear-time.measure.ts', import.meta.url),
);

export interface ShapeRatio {
  readonly name: string;
  readonly ratio: number;
}

/** Every shape's cost as a multiple of a plain scan, worst first. */
export function adversarialRatios(bound = ADVERSARIAL_BOUND): ShapeRatio[] {
  const output = execFileSync(process.execPath, [MEASURE, String(bound)], {
    encoding: 'utf8',
    maxBuffer: 1 << 24,
  });
  return output
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as ShapeRatio)
    .sort((a, b) => b.ratio - a.ratio);
}
