/**
 * Redaction benchmark: the kit's redactor against secretlint's recommended preset, on one labelled corpus, in
 * one run. Prints recall per kind, false positives on hard negatives, throughput, and whether each aim is met.
 *
 *   node bench/redaction/run.ts
 */
import { lintSource } from '@secretlint/core';
import { creator as recommendedPreset } from '@secretlint/secretlint-rule-preset-recommend';
import { createRedactor } from '../../packages/kit/src/redact/index.ts';
import { createScanner } from '../../packages/kit/src/redact/scanner.ts';
import { isMain } from '../is-main.ts';
import { type Corpus, generateCorpus } from './corpus.ts';
import { type Evaluation, evaluate, type Finding, rate } from './evaluate.ts';
import { compareThroughput, type Timing, throughput } from './timing.ts';

type SecretlintConfig = Parameters<typeof lintSource>[0]['options']['config'];

/**
 * Kinds secretlint's recommended preset has an enabled rule for. Its AWS access key id check exists but is off
 * by default (`enableIDScanRule: false`); its GCP rule only reads service-account key files.
 */
const SECRETLINT_KINDS = [
  'aws_secret_key',
  'github_token',
  'gitlab_token',
  'slack_token',
  'stripe_key',
  'npm_token',
  'openai_key',
  'anthropic_key',
  'sendgrid_key',
  'private_key',
  'url_password',
];

const AIMS = { falsePositiveRate: 0.01, throughputRatio: 10 };

/** Kinds secretlint has no counterpart for, turned off for the like-for-like throughput figure. */
const PII_AND_CONTEXT_KINDS = ['email', 'phone', 'card_number', 'iban', 'national_id', 'secret_assignment'];

const secretlintConfig: SecretlintConfig = {
  rules: [{ id: '@secretlint/secretlint-rule-preset-recommend', rule: recommendedPreset }],
};

async function secretlintFindings(text: string, fileName: string): Promise<Finding[]> {
  const result = await lintSource({
    source: {
      content: text,
      filePath: fileName,
      ext: fileName.slice(fileName.lastIndexOf('.')),
      contentType: 'text',
    },
    options: { config: secretlintConfig, noPhysicFilePath: true },
  });
  return result.messages.map((m) => [m.range[0], m.range[1]] as const);
}

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
const pad = (s: string | number, n: number): string => String(s).padStart(n);
const padEnd = (s: string, n: number): string => s.padEnd(n);
const verdict = (met: boolean): string => (met ? 'MET' : 'NOT MET');

function printKinds(title: string, ours: Evaluation, theirs: Evaluation, positive: boolean): void {
  const oursMap = positive ? ours.positives : ours.negatives;
  const theirsMap = positive ? theirs.positives : theirs.negatives;
  const header = positive ? 'recall' : 'false pos.';
  console.log(`\n${title}`);
  console.log(
    `  ${padEnd('kind', 22)} ${pad('items', 6)} ${pad(`ours ${header}`, 18)} ${pad(`secretlint ${header}`, 22)}`,
  );
  for (const kind of [...oursMap.keys()].sort()) {
    const a = oursMap.get(kind)!;
    const b = theirsMap.get(kind)!;
    const mark = positive && SECRETLINT_KINDS.includes(kind) ? ' *' : '';
    console.log(
      `  ${padEnd(kind + mark, 22)} ${pad(a.total, 6)} ${pad(`${a.hit} ${pct(a.hit / a.total)}`, 18)} ${pad(`${b.hit} ${pct(b.hit / b.total)}`, 22)}`,
    );
  }
}

export interface BenchResult {
  readonly corpusBytes: number;
  readonly documents: number;
  readonly recall: { readonly ours: number; readonly secretlint: number };
  readonly recallOnSecretlintKinds: { readonly ours: number; readonly secretlint: number };
  readonly falsePositiveRate: { readonly ours: number; readonly secretlint: number };
  readonly throughputMBs: { readonly ours: Timing; readonly secretlint: Timing };
  readonly throughputRatio: number;
}

export async function main(corpus: Corpus = generateCorpus()): Promise<BenchResult> {
  const docs = corpus.documents;
  const labels = docs.reduce((n, d) => n + d.labels.length, 0);
  console.log(
    `Redaction benchmark — corpus seed ${corpus.seed}: ${docs.length} documents, ${(corpus.bytes / 1e6).toFixed(2)} MB, ${labels} labelled spans`,
  );

  // Quality: the scanner is exactly what redactText applies, and reports spans instead of rewritten text.
  const scanner = createScanner();
  const oursFound = docs.map((d) => scanner.scan(d.text).map((s) => [s.start, s.end] as const));
  const theirsFound: Finding[][] = [];
  for (const d of docs) theirsFound.push(await secretlintFindings(d.text, d.fileName));
  const ours = evaluate(corpus, oursFound);
  const theirs = evaluate(corpus, theirsFound);

  printKinds(
    "Recall on planted items (* = a kind secretlint's recommended preset targets)",
    ours,
    theirs,
    true,
  );
  printKinds('False positives on hard negatives', ours, theirs, false);

  // Throughput: each document on its own, as the kit sees tool results.
  const redactor = createRedactor();
  const speed = await compareThroughput(
    corpus.bytes,
    7,
    {
      warmup: 15,
      runsPerRound: 3,
      run: () => {
        const counts = {};
        for (const d of docs) redactor.redactText(d.text, counts);
      },
    },
    {
      warmup: 2,
      runsPerRound: 1,
      run: async () => {
        for (const d of docs) await secretlintFindings(d.text, d.fileName);
      },
    },
  );
  const oursSpeed = speed.fast;
  const theirsSpeed = speed.slow;

  // For context, not an aim: the whole corpus as one text (no per-call overhead), and redactValue on JSON.
  const whole = docs.map((d) => d.text).join('\n');
  const oursWhole = await throughput(corpus.bytes, 3, 5, () => {
    redactor.redactText(whole, {});
  });
  const theirsWhole = await throughput(corpus.bytes, 1, 3, async () => {
    await secretlintFindings(whole, 'corpus.txt');
  });
  // Like-for-like scope: secretlint looks for prefixed credentials only, while the kit also scans every digit
  // run (cards, phones, ids), every uppercase run (IBANs) and every assignment; this isolates that difference.
  const credentialsOnly = createRedactor({ disabledKinds: PII_AND_CONTEXT_KINDS });
  const oursCredentials = await throughput(corpus.bytes, 15, 9, () => {
    const counts = {};
    for (const d of docs) credentialsOnly.redactText(d.text, counts);
  });
  const jsonDocs = docs.filter((d) => d.type === 'json');
  const parsed = jsonDocs.map((d) => JSON.parse(d.text) as unknown);
  const jsonBytes = jsonDocs.reduce((n, d) => n + Buffer.byteLength(d.text), 0);
  const valueSpeed = await throughput(jsonBytes, 15, 9, () => {
    for (const value of parsed) redactor.redactValue(value, {});
  });

  const result: BenchResult = {
    corpusBytes: corpus.bytes,
    documents: docs.length,
    recall: { ours: rate(ours.positives), secretlint: rate(theirs.positives) },
    recallOnSecretlintKinds: {
      ours: rate(ours.positives, SECRETLINT_KINDS),
      secretlint: rate(theirs.positives, SECRETLINT_KINDS),
    },
    // A negative "hit" is a false positive, so the hit rate over negatives is the false-positive rate.
    falsePositiveRate: { ours: rate(ours.negatives), secretlint: rate(theirs.negatives) },
    throughputMBs: { ours: oursSpeed, secretlint: theirsSpeed },
    throughputRatio: oursSpeed.median / theirsSpeed.median,
  };

  const mbs = (t: Timing): string =>
    `median ${t.median.toFixed(1)} MB/s, best ${t.best.toFixed(1)} MB/s (${t.runs} runs)`;
  console.log('\nThroughput, document by document (as tool results arrive; the two interleaved)');
  console.log(`  ours (redactText)          ${mbs(oursSpeed)}`);
  console.log(`  secretlint (lintSource)    ${mbs(theirsSpeed)}`);
  console.log('Context only (not an aim)');
  console.log(`  whole corpus as one text:  ours ${mbs(oursWhole)}; secretlint ${mbs(theirsWhole)}`);
  console.log(`  ours redactValue on ${jsonDocs.length} parsed JSON documents: ${mbs(valueSpeed)}`);
  console.log(
    `  ours without personal data and generic assignments (about secretlint's scope): ${mbs(oursCredentials)}, ${(oursCredentials.median / theirsSpeed.median).toFixed(1)}× secretlint`,
  );
  console.log(
    `  findings overlapping no planted item: ours ${ours.strayFindings} of ${ours.findings}, secretlint ${theirs.strayFindings} of ${theirs.findings}`,
  );

  const r = result;
  const ratio = (a: number, b: number): string => (b === 0 ? 'n/a' : `${(a / b).toFixed(2)}×`);
  const negatives = [...ours.negatives.values()].reduce((n, k) => n + k.total, 0);
  const row = (label: string, value: string): string => `  ${label.padEnd(44)} ${value}`;
  console.log('\nSummary');
  console.log(
    row(
      'recall, all kinds',
      `ours ${pct(r.recall.ours)} vs secretlint ${pct(r.recall.secretlint)} (${ratio(r.recall.ours, r.recall.secretlint)})`,
    ),
  );
  console.log(
    row(
      "recall, secretlint's own kinds",
      `ours ${pct(r.recallOnSecretlintKinds.ours)} vs secretlint ${pct(r.recallOnSecretlintKinds.secretlint)} (${ratio(r.recallOnSecretlintKinds.ours, r.recallOnSecretlintKinds.secretlint)})`,
    ),
  );
  console.log(
    row(
      `false-positive rate (${negatives} negatives)`,
      `ours ${pct(r.falsePositiveRate.ours)} vs secretlint ${pct(r.falsePositiveRate.secretlint)}`,
    ),
  );
  console.log(row('throughput, ours ÷ secretlint (median)', `${r.throughputRatio.toFixed(1)}×`));

  const recallMet =
    r.recall.ours >= r.recall.secretlint &&
    r.recallOnSecretlintKinds.ours >= r.recallOnSecretlintKinds.secretlint;
  console.log('\nAims');
  console.log(row("recall ≥ secretlint's (overall, own kinds)", verdict(recallMet)));
  console.log(
    row(
      `false-positive rate < ${pct(AIMS.falsePositiveRate)}`,
      verdict(r.falsePositiveRate.ours < AIMS.falsePositiveRate),
    ),
  );
  console.log(
    row(
      `throughput ≥ ${AIMS.throughputRatio}× secretlint`,
      verdict(r.throughputRatio >= AIMS.throughputRatio),
    ),
  );
  return result;
}

if (isMain(import.meta.url)) await main();
