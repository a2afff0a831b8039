/**
 * Measures every adversarial shape's cost as a ratio to a plain linear scan (the speed bound, 50 ms/MB, reported
 * by bench/redaction) or as its growth from a quarter of the text to all of it (`growth`: the linearity proof,
 * run by linear-time.test.ts), and prints the ratios as JSON lines. Run by linear-time.test.ts in a plain Node process: the test runner rewrites module imports into
 * property loads, which slows hot loops several times over and would measure code that never runs in a server.
 */
import { createRedactor } from './index.ts';
import { allProbes } from './scanner.ts';

const SIZE = 1 << 18;

/**
 * `unit` repeated to `size` characters, as one flat string: what a server holds after reading a request or a
 * JSON document (a `repeat().slice()` string is a view into a rope, slower for every reader alike).
 */
function fill(unit: string, size = SIZE): string {
  return Buffer.from(unit.repeat(Math.ceil(size / unit.length)).slice(0, size), 'utf16le').toString(
    'utf16le',
  );
}

export function shapes(): [name: string, text: string][] {
  const out: [string, string][] = [];
  for (const probe of new Set(allProbes())) {
    out.push([`probe ${JSON.stringify(probe)}`, fill(probe)]);
    out.push([`probe ${JSON.stringify(probe)} glued`, fill(`${probe}a1`)]);
    out.push([`probe ${JSON.stringify(probe)} + run`, fill(`${probe}${'Xy7'.repeat(40)} `)]);
  }
  for (const c of 'aA1 \t\n-_./+=@:%\\"\'<>()[]{},;&#$*~|!?^`\u200b\u202eé€𝄞') {
    out.push([`run of ${JSON.stringify(c)}`, fill(c)]);
  }
  const bytes = Buffer.alloc((SIZE * 3) / 4);
  for (let i = 0; i < bytes.length; i++) bytes[i] = (Math.imul(i, 2654435761) >>> 13) & 255;
  out.push(['base64 of random bytes', fill(bytes.toString('base64'))]);
  const probes = `${[...new Set(allProbes())].join(' ')} `;
  out.push(['base64 of probes', fill(Buffer.from(fill(probes, (SIZE * 3) / 4)).toString('base64'))]);
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

/** CPU milliseconds of this process (microsecond resolution): unlike wall time, not inflated by other processes. */
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

/**
 * Lowest ratio seen over up to `attempts` interleaved measurements, stopping as soon as one is under `bound`:
 * a busy machine can stall either side of one measurement, but not every one of them.
 */
export function measure(bound: number, attempts = 8): { name: string; ratio: number }[] {
  const redactor = createRedactor();
  const all = shapes();
  // Compiled code first: the ratio is about steady state, not the JIT.
  for (const [, text] of all) redactor.redactText(text.slice(0, 16_384), {});
  return all.map(([name, text]) => {
    redactor.redactText(text, {});
    let ratio = Number.POSITIVE_INFINITY;
    for (let attempt = 0; attempt < attempts && ratio > bound; attempt++) {
      const scan = fastest(5, () => baseline(text));
      const redact = fastest(3, () => redactor.redactText(text, {}));
      ratio = Math.min(ratio, redact / scan);
    }
    return { name, ratio };
  });
}

/**
 * Growth of each shape's cost from a quarter of the text to all of it, per character: about 1 when the cost is
 * linear, about 4 when it is quadratic. Both sides are the same code on the same shape in the same process, so
 * a busy machine moves them together; lowest of up to `attempts` measurements, stopping under `bound`.
 */
export function measureGrowth(bound: number, attempts = 8): { name: string; ratio: number }[] {
  const redactor = createRedactor();
  const all = shapes();
  for (const [, text] of all) redactor.redactText(text.slice(0, 16_384), {});
  return all.map(([name, text]) => {
    const quarter = Buffer.from(text.slice(0, text.length / 4), 'utf16le').toString('utf16le');
    redactor.redactText(text, {});
    let ratio = Number.POSITIVE_INFINITY;
    for (let attempt = 0; attempt < attempts && ratio > bound; attempt++) {
      const small = fastest(5, () => redactor.redactText(quarter, {}));
      const large = fastest(3, () => redactor.redactText(text, {}));
      ratio = Math.min(ratio, large / (4 * Math.max(small, 0.001)));
    }
    return { name, ratio };
  });
}

if (process.argv[1] === import.meta.filename) {
  const bound = Number(process.argv[2] ?? 20);
  const results = process.argv[3] === 'growth' ? measureGrowth(bound) : measure(bound);
  for (const result of results) console.log(JSON.stringify(result));
}
