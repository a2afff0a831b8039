/**
 * Docs search benchmark: the docs server's search index against a plain substring scan of the same sections,
 * on the example handbook, on the Node.js API docs, and on a 10 MB+ corpus, in one run. Prints build time,
 * heap, and query latency percentiles for both, their ratio, and whether the aim is met.
 *
 *   node bench/docs-search/run.ts
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { type ParsedDoc, SearchIndex } from '@gatehouse/docs/search';
import { isMain } from '../is-main.ts';
import { type ScanSection, SubstringScan } from './baseline.ts';
import { type Corpus, exampleCorpus, nodeApiCorpus, parseFile, replicate } from './corpus.ts';
import { type BenchQuery, makeQueries, QUERY_KINDS } from './queries.ts';

const SEED = 20_240_917;
const QUERIES = 300;
const INDEX_ROUNDS = 3;
const AIM = { p99Ms: 5, minCorpusBytes: 10e6, buildSecondsPerMB: 1 };

/** Heap in use after garbage collection has run (twice: finalizers free more on the second pass). */
function settledHeap(): number {
  globalThis.gc?.();
  globalThis.gc?.();
  return process.memoryUsage().heapUsed;
}

const percentile = (sorted: readonly number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;

function latencies(queries: readonly BenchQuery[], rounds: number, run: (q: string) => unknown): number[] {
  const samples: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const q of queries) {
      const start = performance.now();
      run(q.text);
      samples.push(performance.now() - start);
    }
  }
  return samples.sort((a, b) => a - b);
}

const ms = (x: number): string => `${x < 10 ? x.toFixed(2) : x.toFixed(1)} ms`;
const mb = (bytes: number): string => `${(bytes / 1e6).toFixed(2)} MB`;
const count = (n: number): string => n.toLocaleString('en-US');

export interface CorpusResult {
  readonly name: string;
  readonly bytes: number;
  readonly buildMs: number;
  readonly index: { readonly p50: number; readonly p99: number };
  readonly scan: { readonly p50: number; readonly p99: number };
}

/**
 * Did the search find what a typo query meant: does the top hit's section contain the intended word, or its
 * base with a common ending (-s, -es, -ed, -d, -ing) removed? The same check judges both contenders.
 */
function holds(docs: Map<string, ParsedDoc>, hit: ScanSection | undefined, word: string): boolean {
  if (!hit) return false;
  const doc = docs.get(`${hit.collection}\0${hit.path}`);
  const section = doc?.sections.find((s) => s.anchor === hit.anchor);
  if (!doc || !section) return false;
  const base = word.replace(/(?:ing|es|ed|s|d)$/, '');
  const text = `${doc.title} ${section.heading} ${section.text}`.toLowerCase();
  return text.includes(base.length >= 4 ? base : word);
}

function benchCorpus(corpus: Corpus): CorpusResult {
  console.log(`\n${corpus.name} — ${corpus.note}, ${mb(corpus.bytes)}`);
  let start = performance.now();
  const parsed = corpus.files.map((f) => ({ collection: f.collection, doc: parseFile(f) }));
  const parseMs = performance.now() - start;

  const heapBefore = settledHeap();
  start = performance.now();
  const index = new SearchIndex();
  for (const { collection, doc } of parsed) index.upsert(collection, doc);
  const buildMs = performance.now() - start;
  const heapDelta = settledHeap() - heapBefore;
  const stats = index.stats();
  const perMB = (t: number) => `${(t / 1000 / (corpus.bytes / 1e6)).toFixed(2)} s/MB`;
  console.log(
    `  parse ${ms(parseMs)} (${perMB(parseMs)}), index build ${ms(buildMs)} (${perMB(buildMs)}), ` +
      `index heap +${mb(heapDelta)} (section texts shared with the parsed docs)`,
  );
  console.log(
    `  ${count(stats.documents)} documents, ${count(stats.sections)} sections, ${count(stats.terms)} terms`,
  );

  const queries = makeQueries(
    parsed.map((p) => p.doc),
    QUERIES,
    SEED,
  );
  start = performance.now();
  index.search(queries[0]!.text);
  const coldMs = performance.now() - start;
  for (const q of queries) index.search(q.text); // warm-up: JIT, caches
  const ours = latencies(queries, INDEX_ROUNDS, (q) => index.search(q));

  const scan = new SubstringScan(parsed);
  for (const q of queries.slice(0, 20)) scan.search(q.text);
  const theirs = latencies(queries, 1, (q) => scan.search(q));

  const index50 = percentile(ours, 50);
  const index99 = percentile(ours, 99);
  const scan50 = percentile(theirs, 50);
  const scan99 = percentile(theirs, 99);
  console.log(
    `  query latency (${queries.length} queries: ${QUERY_KINDS.join(', ')}; index ×${INDEX_ROUNDS} rounds, scan ×1)`,
  );
  console.log(
    `    ${'index'.padEnd(16)} p50 ${ms(index50).padStart(9)}   p99 ${ms(index99).padStart(9)}   (first query ${ms(coldMs)})`,
  );
  console.log(
    `    ${'substring scan'.padEnd(16)} p50 ${ms(scan50).padStart(9)}   p99 ${ms(scan99).padStart(9)}`,
  );
  console.log(
    `    ${'scan / index'.padEnd(16)} p50 ${`${(scan50 / index50).toFixed(1)}×`.padStart(9)}   p99 ${`${(scan99 / index99).toFixed(1)}×`.padStart(9)}`,
  );

  const byKey = new Map(parsed.map((p) => [`${p.collection}\0${p.doc.path}`, p.doc]));
  const typos = queries.filter((q) => q.kind === 'typo');
  const oursFound = typos.filter((q) =>
    holds(byKey, index.search(q.text, { limit: 1 })[0], q.intended!),
  ).length;
  const theirsFound = typos.filter((q) => {
    const top = scan.search(q.text, 1)[0];
    return holds(byKey, top === undefined ? undefined : scan.sections[top], q.intended!);
  }).length;
  console.log(
    `  typo queries whose top hit holds the intended word (or its base): index ${oursFound}/${typos.length}, scan ${theirsFound}/${typos.length}`,
  );
  liveUpdates(index, parsed, queries);
  return {
    name: corpus.name,
    bytes: corpus.bytes,
    buildMs,
    index: { p50: index50, p99: index99 },
    scan: { p50: scan50, p99: scan99 },
  };
}

/**
 * What the server does besides searching: callers limited to some collections (statistics then come from those
 * only), and a file that changes while the index is live (the largest document re-added, then searched).
 */
function liveUpdates(
  index: SearchIndex,
  parsed: readonly { collection: string; doc: ParsedDoc }[],
  queries: readonly BenchQuery[],
): void {
  const collections = [...new Set(parsed.map((p) => p.collection))];
  if (collections.length > 1) {
    const one = [collections[0]!];
    const restricted = latencies(queries, 1, (q) => index.search(q, { collections: one }));
    console.log(
      `  restricted to 1 of ${collections.length} collections: p50 ${ms(percentile(restricted, 50))}, p99 ${ms(percentile(restricted, 99))}`,
    );
  }
  const largest = parsed.reduce((a, b) => (b.doc.sections.length > a.doc.sections.length ? b : a));
  const changes: number[] = [];
  for (let i = 0; i < 20; i++) {
    const start = performance.now();
    index.upsert(largest.collection, largest.doc);
    changes.push(performance.now() - start);
  }
  changes.sort((a, b) => a - b);
  const after = latencies(queries, 1, (q) => index.search(q));
  console.log(
    `  re-adding the largest document (${largest.doc.path}, ${count(largest.doc.sections.length)} sections) ×20: ` +
      `median ${ms(percentile(changes, 50))}, max ${ms(changes[changes.length - 1]!)}; ` +
      `searches after: p99 ${ms(percentile(after, 99))}`,
  );
}

async function respawnWithGc(): Promise<void> {
  const child = spawn(process.execPath, ['--expose-gc', fileURLToPath(import.meta.url)], {
    stdio: 'inherit',
  });
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`docs search benchmark exited with ${code}`);
}

export async function main(): Promise<CorpusResult[] | undefined> {
  // Heap figures need a forced collection; without --expose-gc, run again in a child that has it.
  if (typeof globalThis.gc !== 'function') {
    await respawnWithGc();
    return undefined;
  }
  console.log(`Docs search benchmark — seed ${SEED}, ${QUERIES} queries per corpus, Node ${process.version}`);
  const corpora: Corpus[] = [exampleCorpus()];
  const node = nodeApiCorpus();
  if (typeof node === 'string') console.log(`\nCorpus B skipped: ${node}`);
  else {
    corpora.push(node);
    if (node.bytes < AIM.minCorpusBytes) corpora.push(replicate(node, AIM.minCorpusBytes));
  }
  const results = corpora.map(benchCorpus);

  console.log('\nAims');
  const large = results.filter((r) => r.bytes >= AIM.minCorpusBytes);
  if (large.length === 0)
    console.log(`  query p99 < ${AIM.p99Ms} ms on a ≥10 MB corpus: NOT MEASURED (no such corpus)`);
  for (const r of large) {
    const met = r.index.p99 < AIM.p99Ms;
    console.log(
      `  query p99 < ${AIM.p99Ms} ms on ${r.name} (${mb(r.bytes)}): ${ms(r.index.p99)} — ${met ? 'MET' : 'NOT MET'}`,
    );
  }
  for (const r of results) {
    const perMB = r.buildMs / 1000 / (r.bytes / 1e6);
    const met = perMB < AIM.buildSecondsPerMB;
    console.log(
      `  index build < ${AIM.buildSecondsPerMB} s/MB on ${r.name}: ${perMB.toFixed(2)} s/MB — ${met ? 'MET' : 'NOT MET'}`,
    );
  }
  return results;
}

if (isMain(import.meta.url)) await main();
