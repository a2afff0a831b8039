/**
 * Redaction benchmark, on a corpus written from public format descriptions (bench/redaction/corpus), in two
 * parts reported separately: `dev` (detectors may be developed against it) and `held-out` (different generators
 * nobody tunes to). Prints recall per family, false positives on hard negatives, collateral damage, then
 * throughput against secretlint's recommended preset (profiler off) in the same run, with `met` / `NOT met`.
 *
 *   node bench/redaction/run.ts
 */
import { createRedactor, stripInvisible } from '@gatehouse/kit/operator';
import { isMain } from '../is-main.ts';
import { keptMask, keptMaskThroughDeletion, maskFromRanges } from './align.ts';
import { checkCorpus } from './corpus/check.ts';
import { generateDevCorpus } from './corpus/dev/index.ts';
import { generateHeldOutCorpus } from './corpus/held-out/index.ts';
import type { Corpus } from './corpus/types.ts';
import { type Evaluation, evaluateCorpus, rate, type Score } from './evaluate.ts';
import { ADVERSARIAL_BOUND, adversarialRatios } from './linear-time.ts';
import { disableSecretlintProfiler, secretlintProfilerMarks, secretlintRanges } from './secretlint.ts';
import { compareThroughput } from './timing.ts';

const AIMS = {
  secretRecall: 0.995,
  personalRecall: 0.98,
  falsePositiveRate: 0.005,
  throughputRatio: 10,
  untrustedCost: 1.3,
  adversarialRatio: ADVERSARIAL_BOUND,
};

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
const verdict = (met: boolean): string => (met ? 'met' : 'NOT met');
const cell = (s: Score | undefined): string => (s ? `${s.hit}/${s.total} ${pct(rate(s))}` : '-');

export interface PartResult {
  readonly part: string;
  readonly secretRecall: number;
  readonly personalRecall: number;
  readonly falsePositiveRate: number;
  readonly collateral: number;
}

export interface BenchResult {
  readonly parts: readonly PartResult[];
  readonly oursMBs: number;
  readonly secretlintMBs: number;
  readonly throughputRatio: number;
  readonly untrustedCost: number;
  readonly worstAdversarialRatio: number;
}

function printPart(corpus: Corpus, ours: Evaluation, theirs: Evaluation, details: boolean): PartResult {
  const count = (c: string) => ours.byCategory.get(c as never)?.total ?? 0;
  console.log(
    `\nPart ${corpus.part} — ${corpus.documents.length} documents, ${(corpus.bytes / 1e6).toFixed(2)} MB, ${count('secret')} secrets, ${count('personal')} personal items, ${count('negative')} hard negatives (seed ${corpus.seed})`,
  );
  console.log(
    `  ${'family'.padEnd(22)} ${'category'.padEnd(9)} ${'ours caught'.padStart(18)} ${'secretlint caught'.padStart(20)}`,
  );
  const families = [...ours.byFamily].filter(([, s]) => s.category !== 'negative');
  families.sort((a, b) => a[1].category.localeCompare(b[1].category) || a[0].localeCompare(b[0]));
  for (const [family, s] of families) {
    const other = s.category === 'secret' ? cell(theirs.byFamily.get(family)) : '';
    console.log(
      `  ${family.padEnd(22)} ${s.category.padEnd(9)} ${cell(s).padStart(18)} ${other.padStart(20)}`,
    );
  }
  console.log(
    `  ${'hard negative'.padEnd(32)} ${'ours changed'.padStart(18)} ${'secretlint changed'.padStart(20)}`,
  );
  for (const [family, s] of [...ours.byFamily].filter(([, v]) => v.category === 'negative').sort()) {
    console.log(
      `  ${family.padEnd(32)} ${cell(s).padStart(18)} ${cell(theirs.byFamily.get(family)).padStart(20)}`,
    );
  }
  console.log(
    `  collateral: ours changed ${ours.collateral} chars outside labelled secret/personal spans (${ours.collateralUnlabelled} outside any label) of ${ours.inputChars}; secretlint ${theirs.collateral} (${theirs.collateralUnlabelled})`,
  );
  if (ours.unaligned > 0)
    console.log(
      `  WARNING: ${ours.unaligned} outputs could not be aligned to their input (scored as unredacted)`,
    );

  if (details) {
    const weak = [...ours.byKind].filter(([, s]) => s.category !== 'negative' && s.hit < s.total);
    weak.sort((a, b) => b[1].total - b[1].hit - (a[1].total - a[1].hit));
    if (weak.length > 0) console.log(`  missed, by kind (${corpus.part} only):`);
    for (const [kind, s] of weak.slice(0, 30)) {
      const example = ours.misses.find((m) => `${m.label.family}/${m.label.kind}` === kind);
      const shown = example
        ? JSON.stringify(example.text.length > 70 ? `${example.text.slice(0, 67)}...` : example.text)
        : '';
      console.log(`    ${kind.padEnd(40)} ${cell(s).padStart(16)}  e.g. ${shown}`);
    }
    const forms = [...ours.byForm].filter(([, s]) => s.category !== 'negative');
    console.log(
      `  caught, by encoding (${corpus.part} only): ${forms
        .sort()
        .map(([f, s]) => `${f} ${cell(s)}`)
        .join('; ')}`,
    );
    const fpKinds = new Map<string, string>();
    for (const fp of ours.falsePositives)
      if (!fpKinds.has(fp.label.family)) fpKinds.set(fp.label.family, fp.text);
    for (const [family, text] of fpKinds) {
      console.log(
        `    false positive e.g. ${family}: ${JSON.stringify(text.length > 70 ? `${text.slice(0, 67)}...` : text)}`,
      );
    }
  }

  const negatives = ours.byCategory.get('negative');
  const result: PartResult = {
    part: corpus.part,
    secretRecall: rate(ours.byCategory.get('secret')),
    personalRecall: rate(ours.byCategory.get('personal')),
    falsePositiveRate: rate(negatives),
    collateral: ours.collateral,
  };
  console.log(`  aims (${corpus.part}):`);
  console.log(
    `    secret recall ≥ ${pct(AIMS.secretRecall)}: ${pct(result.secretRecall)} ${verdict(result.secretRecall >= AIMS.secretRecall)}`,
  );
  console.log(
    `    personal recall ≥ ${pct(AIMS.personalRecall)}: ${pct(result.personalRecall)} ${verdict(result.personalRecall >= AIMS.personalRecall)}`,
  );
  console.log(
    `    false positives ≤ ${pct(AIMS.falsePositiveRate)}: ${pct(result.falsePositiveRate)} (${negatives?.hit ?? 0} of ${negatives?.total ?? 0}) ${verdict(result.falsePositiveRate <= AIMS.falsePositiveRate)}`,
  );
  return result;
}

export async function main(
  corpora: readonly Corpus[] = [generateDevCorpus(), generateHeldOutCorpus()],
): Promise<BenchResult> {
  disableSecretlintProfiler();
  const redactor = createRedactor();
  console.log(
    'Redaction benchmark — corpus from public format descriptions; dev and held-out parts reported apart',
  );

  const parts: PartResult[] = [];
  for (const corpus of corpora) {
    checkCorpus(corpus);
    // The redactor may delete invisible characters before redacting: align through that deletion when it did.
    const oursMasks = corpus.documents.map((d) => {
      const out = redactor.redactText(d.text, {});
      return keptMask(d.text, out) ?? keptMaskThroughDeletion(d.text, stripInvisible(d.text), out);
    });
    const theirsMasks: Uint8Array[] = [];
    for (const d of corpus.documents)
      theirsMasks.push(maskFromRanges(d.text.length, await secretlintRanges(d.text, d.name)));
    parts.push(
      printPart(
        corpus,
        evaluateCorpus(corpus, oursMasks),
        evaluateCorpus(corpus, theirsMasks),
        corpus.part === 'dev',
      ),
    );
  }

  // Throughput: every document on its own, as tool results arrive; both tools interleaved on the same text.
  const docs = corpora.flatMap((c) => c.documents);
  const bytes = corpora.reduce((n, c) => n + c.bytes, 0);
  const redactAll = (texts: readonly string[]) => () => {
    const counts = {};
    for (const text of texts) redactor.redactText(text, counts);
  };
  const speed = await compareThroughput(
    bytes,
    9,
    { warmup: 10, runsPerRound: 2, run: redactAll(docs.map((d) => d.text)) },
    {
      warmup: 2,
      runsPerRound: 1,
      run: async () => {
        for (const d of docs) await secretlintRanges(d.text, d.name);
      },
    },
  );
  const marks = secretlintProfilerMarks();
  // Untrusted text. Since the kit strips invisible characters inside redactText for every string, there is no
  // separate untrusted entry to time: this is the cost of hostile-looking input (a zero-width space every 50
  // characters, as planted to split secrets) against the same text clean, per byte of the clean text.
  const sprinkled = docs.map((d) => d.text.replace(/(.{50})/gs, '$1\u200b'));
  const untrusted = await compareThroughput(
    bytes,
    9,
    { warmup: 3, runsPerRound: 2, run: redactAll(docs.map((d) => d.text)) },
    { warmup: 3, runsPerRound: 2, run: redactAll(sprinkled) },
  );

  const ratio = speed.ratio;
  const untrustedCost = untrusted.ratio;
  const mbs = (t: { median: number; best: number; runs: number }): string =>
    `median ${t.median.toFixed(1)} MB/s, best ${t.best.toFixed(1)} MB/s (${t.runs} runs)`;
  console.log(
    `\nThroughput, document by document over all parts (${(bytes / 1e6).toFixed(2)} MB), interleaved`,
  );
  console.log(`  ours (redactText)                         ${mbs(speed.fast)}`);
  console.log(
    `  secretlint recommended (profiler off)     ${mbs(speed.slow)}  [profiler marks left: ${marks}]`,
  );
  console.log(
    `  ours ÷ secretlint ≥ ${AIMS.throughputRatio}× (median of per-round ratios): ${ratio.toFixed(1)}× ${verdict(ratio >= AIMS.throughputRatio)}`,
  );
  console.log(`  redactText, text as is                    ${mbs(untrusted.fast)}`);
  console.log(
    `  redactText, zero-width space every 50 ch. ${mbs(untrusted.slow)}  [one mode: redactText strips invisible characters itself]`,
  );
  console.log(
    `  untrusted cost ÷ default ≤ ${AIMS.untrustedCost}× (median of per-round ratios): ${untrustedCost.toFixed(2)}× ${verdict(untrustedCost <= AIMS.untrustedCost)}`,
  );
  // Adversarial shapes (issue 11: no input may cost more than 50 ms/MB, ≈ 33× a plain scan), in a child process.
  const shapes = adversarialRatios();
  const worst = shapes[0]!;
  console.log(
    `\nAdversarial shapes (${shapes.length}), cost ÷ a plain linear scan of the same text, worst first:`,
  );
  for (const s of shapes.slice(0, 5)) console.log(`  ${s.name.padEnd(48)} ${s.ratio.toFixed(1)}×`);
  console.log(
    `  worst ≤ ${AIMS.adversarialRatio}× (50 ms/MB): ${worst.ratio.toFixed(1)}× ${verdict(worst.ratio <= AIMS.adversarialRatio)}`,
  );
  return {
    parts,
    worstAdversarialRatio: worst.ratio,
    oursMBs: speed.fast.median,
    secretlintMBs: speed.slow.median,
    throughputRatio: ratio,
    untrustedCost,
  };
}

if (isMain(import.meta.url)) await main();
