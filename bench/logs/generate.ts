// Generated logs for the file backend's bench: NDJSON (ECS and pino), logfmt and plain text, as four services
// would write them over the last day, about 3% errors from a dozen patterns with variable ids, numbers and
// durations. Streamed to disk: the generator holds one batch of lines at a time.
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';

const SERVICES = ['billing-api', 'invoice-worker', 'auth-service', 'notifications'] as const;
const ERRORS = [
  (i: number) => `payment ${i} failed after ${i % 900}ms: upstream returned 502`,
  (i: number) => `connect ECONNREFUSED 10.0.${i % 250}.${i % 200}:5432`,
  (i: number) => `invoice inv_${100000 + (i % 899999)} not found`,
  (i: number) => `timeout after ${(i % 30) + 1}s waiting for lock on orders`,
  (i: number) => `user "${['mara', 'li', 'ana', 'ole'][i % 4]}" has no active subscription`,
  (i: number) =>
    `TypeError: Cannot read properties of undefined (reading 'currency') at /srv/app/pay-${i % 9}.js`,
];

function line(format: number, i: number, time: string, service: string): string {
  const r = (i * 2654435761) % 1000;
  const level = r < 30 ? 'error' : r < 80 ? 'warn' : 'info';
  const message =
    level === 'error'
      ? (ERRORS[i % ERRORS.length] as (i: number) => string)(i)
      : level === 'warn'
        ? `slow request ${i} took ${r * 10}ms`
        : `request completed route=/v1/invoices/${i} status=200 duration_ms=${r}`;
  const trace = (i * 7919).toString(16);
  switch (format) {
    case 0:
      return `${JSON.stringify({ '@timestamp': time, 'log.level': level, 'service.name': service, message, 'trace.id': trace })}\n`;
    case 1:
      return `${JSON.stringify({ level: level === 'error' ? 50 : level === 'warn' ? 40 : 30, time: Date.parse(time), pid: 7, hostname: 'h1', name: service, msg: message, reqId: trace })}\n`;
    case 2:
      return `ts=${time} level=${level} service=${service} msg=${JSON.stringify(message)} trace_id=${trace}\n`;
    default:
      return `${time} ${level.toUpperCase()} [${service}] ${message} trace=${trace}\n`;
  }
}

/** Writes `files` files of about `bytesEach` bytes under `dir`; answers the number of lines written. */
export async function generateLogs(
  dir: string,
  files: number,
  bytesEach: number,
  now: number,
): Promise<{ lines: number; bytes: number; paths: string[] }> {
  let lines = 0;
  let bytes = 0;
  const paths: string[] = [];
  for (let f = 0; f < files; f++) {
    const format = f % 4;
    const path = join(dir, `${SERVICES[f % 4]}-${f}.log`);
    paths.push(path);
    const out = createWriteStream(path);
    let written = 0;
    let i = f * 10_000_000;
    while (written < bytesEach) {
      let batch = '';
      for (let k = 0; k < 2000; k++) {
        i++;
        // Spread over the last 23 hours, oldest first, as a log is written.
        const time = new Date(
          now - 23 * 3_600_000 + Math.floor((written / bytesEach) * 23 * 3_600_000),
        ).toISOString();
        batch += line(format, i, time, SERVICES[f % 4] as string);
        lines++;
      }
      written += batch.length;
      if (!out.write(batch)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
    }
    await new Promise<void>((resolve, reject) =>
      out.end((error?: Error | null) => (error ? reject(error) : resolve())),
    );
    bytes += written;
  }
  return { lines, bytes, paths };
}
