// bench/logs: the file backend's find_recent_errors over ≥ 1 GB of generated logs (NDJSON ECS and pino, logfmt,
// plain text), against `grep -c error` over the same files as the floor (aim: ≥ 0.5× grep's lines per second),
// and its peak RSS (aim: ≤ 200 MB whatever the size). Both are measured in the same run, best of two, after one
// read has warmed the page cache; CPU time decides the ratio (wall clock on a shared, loaded machine says more
// about the neighbours than about either program), and wall clock is printed beside it.
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMain } from '../is-main.ts';
import { generateLogs } from './generate.ts';
import { main as tokens } from './tokens.ts';

const MB = 1024 * 1024;
const TOTAL_BYTES = Number(process.env.BENCH_LOGS_MB ?? 1100) * MB;
const FILES = 4;
const THROUGHPUT_AIM = 0.5;
const RSS_AIM_MB = 200;

interface Timing {
  wallMs: number;
  cpuMs: number;
}

function grepTiming(paths: string[]): Timing & { count: number } {
  const run = spawnSync('bash', ['-c', 'TIMEFORMAT="%R %U %S"; time grep -c error "$@"', 'grep', ...paths], {
    encoding: 'utf8',
  });
  const [real, user, sys] = (run.stderr.trim().split('\n').at(-1) ?? '').split(' ').map(Number);
  const count = run.stdout
    .trim()
    .split('\n')
    .reduce((sum, l) => sum + Number(l.split(':').at(-1)), 0);
  return { wallMs: (real ?? 0) * 1000, cpuMs: ((user ?? 0) + (sys ?? 0)) * 1000, count };
}

function oursTiming(dir: string): Timing & { maxRssMb: number; errors: number; patterns: number } {
  const child = fileURLToPath(new URL('./scan-child.ts', import.meta.url));
  const run = spawnSync(process.execPath, [child, dir], { encoding: 'utf8', maxBuffer: 16 * MB });
  if (run.status !== 0) throw new Error(`scan-child failed: ${run.stderr}`);
  return JSON.parse(run.stdout.trim().split('\n').at(-1) as string);
}

const best = <T extends Timing>(runs: T[]) => runs.reduce((a, b) => (b.cpuMs < a.cpuMs ? b : a));
const verdict = (ok: boolean) => (ok ? 'met' : 'NOT met');

export async function main(): Promise<void> {
  await tokens();
  const dir = await mkdtemp(join(tmpdir(), 'gatehouse-bench-logs-'));
  try {
    const generated = await generateLogs(dir, FILES, Math.ceil(TOTAL_BYTES / FILES), Date.now());
    console.log(
      `bench/logs: ${(generated.bytes / MB).toFixed(0)} MB, ${generated.lines} lines in ${FILES} files (ECS, pino, logfmt, text)`,
    );
    grepTiming(generated.paths); // warm the page cache for both
    const grep = best([grepTiming(generated.paths), grepTiming(generated.paths)]);
    const ours = best([oursTiming(dir), oursTiming(dir)]);
    const perSecond = (t: Timing, clock: 'cpuMs' | 'wallMs') => generated.lines / (t[clock] / 1000);
    const ratioCpu = perSecond(ours, 'cpuMs') / perSecond(grep, 'cpuMs');
    const ratioWall = perSecond(ours, 'wallMs') / perSecond(grep, 'wallMs');
    const m = (n: number) => `${(n / 1e6).toFixed(1)} M lines/s`;
    console.log(
      `  grep -c error        ${m(perSecond(grep, 'cpuMs'))} cpu, ${m(perSecond(grep, 'wallMs'))} wall (${grep.count} lines counted)`,
    );
    console.log(
      `  find_recent_errors   ${m(perSecond(ours, 'cpuMs'))} cpu, ${m(perSecond(ours, 'wallMs'))} wall (${ours.errors} errors in the window, ${ours.patterns} patterns shown)`,
    );
    console.log(
      `  throughput vs grep: ${ratioCpu.toFixed(2)}× cpu (${ratioWall.toFixed(2)}× wall); aim ≥ ${THROUGHPUT_AIM}×: ${verdict(ratioCpu >= THROUGHPUT_AIM)}`,
    );
    console.log(
      `  peak RSS ${ours.maxRssMb.toFixed(0)} MB; aim ≤ ${RSS_AIM_MB} MB: ${verdict(ours.maxRssMb <= RSS_AIM_MB)}`,
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (isMain(import.meta.url)) await main();
