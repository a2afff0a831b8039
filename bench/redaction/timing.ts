/** Throughput in MB/s over repeated timed runs. */
export interface Timing {
  readonly best: number;
  readonly median: number;
  readonly runs: number;
}

function summarise(rates: number[]): Timing {
  const sorted = [...rates].sort((a, b) => a - b);
  return {
    best: sorted[sorted.length - 1]!,
    median: sorted[Math.floor(sorted.length / 2)]!,
    runs: sorted.length,
  };
}

async function rate(bytes: number, body: () => unknown): Promise<number> {
  const start = performance.now();
  await body();
  return bytes / 1e6 / ((performance.now() - start) / 1000);
}

/** MB/s over `bytes`, after `warmup` untimed runs: best and median of `runs` timed ones. */
export async function throughput(
  bytes: number,
  warmup: number,
  runs: number,
  body: () => unknown,
): Promise<Timing> {
  for (let i = 0; i < warmup; i++) await body();
  const rates: number[] = [];
  for (let i = 0; i < runs; i++) rates.push(await rate(bytes, body));
  return summarise(rates);
}

export interface Contender {
  readonly run: () => unknown;
  /** Untimed runs first: V8 needs a few thousand calls before its regexps and JIT code reach steady state. */
  readonly warmup: number;
  /** Timed runs per round. */
  readonly runsPerRound: number;
}

/**
 * Two contenders timed in alternation (order flipped every round), so a noisy neighbour or a CPU frequency
 * change hits both alike instead of skewing the ratio. `ratio` is the median of the per-round ratios (fast ÷
 * slow, each round's medians), which holds up better on a shared machine than the ratio of overall medians.
 */
export async function compareThroughput(
  bytes: number,
  rounds: number,
  fast: Contender,
  slow: Contender,
): Promise<{ fast: Timing; slow: Timing; ratio: number }> {
  for (let i = 0; i < fast.warmup; i++) await fast.run();
  for (let i = 0; i < slow.warmup; i++) await slow.run();
  const fastRates: number[] = [];
  const slowRates: number[] = [];
  const ratios: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const slowRound: number[] = [];
    const fastRound: number[] = [];
    const runSlow = async () => {
      for (let i = 0; i < slow.runsPerRound; i++) slowRound.push(await rate(bytes, slow.run));
    };
    if (round % 2 === 1) await runSlow();
    for (let i = 0; i < fast.runsPerRound; i++) fastRound.push(await rate(bytes, fast.run));
    if (round % 2 === 0) await runSlow();
    fastRates.push(...fastRound);
    slowRates.push(...slowRound);
    ratios.push(summarise(fastRound).median / summarise(slowRound).median);
  }
  return { fast: summarise(fastRates), slow: summarise(slowRates), ratio: summarise(ratios).median };
}
