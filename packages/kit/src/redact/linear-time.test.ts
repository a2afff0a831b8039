import { describe, expect, it } from 'vitest';
import { createRedactor } from './index.ts';
import { allProbes } from './scanner.ts';

/**
 * Redaction is linear on any input: no shape of text may cost more than 50 ms per MB (a log line or document
 * that stalls the event loop is a denial of service). Measured as a ratio to a plain linear scan of the same
 * text in the same process — a loop summing its character codes — never as wall-clock time: both sides are
 * measured in CPU time, fastest of several runs, so a slow or busy machine slows both alike.
 *
 * The bound: that loop costs about 2.4 ms per MB on the reference machine (Node 24, the 2-core CI box; the
 * minimum of repeated runs), so 50 ms per MB is about 20 times the loop. Every shape is checked against that.
 *
 * The shapes come from the detectors themselves: each declares its probes (prefixes, keywords, anchors), and
 * each probe is repeated to fill the text, alone, glued to more token characters, and followed by a long
 * random-looking run — so a detector added later is covered by declaring what triggers it. Then long runs of
 * every character class, base64 (random bytes, and text that decodes to more probes), and deep nesting.
 */

const SIZE = 1 << 18;
const BOUND = 50 / 2.4;

function fill(unit: string, size = SIZE): string {
  return unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
}

function shapes(): [name: string, text: string][] {
  const out: [string, string][] = [];
  for (const probe of new Set(allProbes())) {
    out.push([`probe ${JSON.stringify(probe)}`, fill(probe)]);
    out.push([`probe ${JSON.stringify(probe)} glued`, fill(`${probe}a1`)]);
    out.push([`probe ${JSON.stringify(probe)} + run`, fill(`${probe}${'Xy7'.repeat(40)} `)]);
  }
  for (const c of 'aA1 \t\n-_./+=@:%\\"\'<>()[]{},;&#$*~|!?^`\u200b\u202eé€𝄞')
    out.push([`run of ${JSON.stringify(c)}`, fill(c)]);
  const bytes = Buffer.alloc((SIZE * 3) / 4);
  for (let i = 0; i < bytes.length; i++) bytes[i] = (Math.imul(i, 2654435761) >>> 13) & 255;
  out.push(['base64 of random bytes', bytes.toString('base64')]);
  out.push([
    'base64 of probes',
    Buffer.from(fill(`${[...new Set(allProbes())].join(' ')} `, (SIZE * 3) / 4)).toString('base64'),
  ]);
  out.push(['nested JSON objects', fill('{"a":')]);
  out.push(['nested arrays', fill('[')]);
  return out;
}

/** The plain linear scan everything is compared with. */
function baseline(text: string): number {
  let sum = 0;
  for (let i = 0; i < text.length; i++) sum = (sum + text.charCodeAt(i)) | 0;
  return sum;
}

/** CPU milliseconds this process has used: unlike wall time, not inflated while other processes run. */
function cpuTime(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

function fastest(runs: number, body: () => unknown): number {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < runs; i++) {
    const start = cpuTime();
    body();
    best = Math.min(best, cpuTime() - start);
  }
  return best;
}

describe('linear time', () => {
  it(`costs at most ${BOUND.toFixed(0)}× a plain scan on every adversarial shape`, {
    timeout: 600_000,
  }, () => {
    const redactor = createRedactor();
    const all = shapes();
    // Compiled code first: the ratio is about steady state, not the JIT.
    for (const [, text] of all) redactor.redactText(text.slice(0, 16_384), {});
    const over: string[] = [];
    let worst = { ratio: 0, name: '' };
    for (const [name, text] of all) {
      let ratio = Number.POSITIVE_INFINITY;
      // A busy machine can stall either side; a shape fails only if it stays over the bound on every attempt.
      for (let attempt = 0; attempt < 3 && ratio > BOUND; attempt++) {
        const scan = fastest(5, () => baseline(text));
        const redact = fastest(3, () => redactor.redactText(text, {}));
        ratio = Math.min(ratio, redact / scan);
      }
      if (ratio > worst.ratio) worst = { ratio, name };
      if (ratio > BOUND) over.push(`${name}: ${ratio.toFixed(1)}×`);
    }
    console.log(`linear time: worst shape ${worst.name} at ${worst.ratio.toFixed(1)}× a plain scan`);
    expect(over).toEqual([]);
  });
});
