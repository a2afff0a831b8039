// Context cost of the GitHub tools, in one run: for the same fake GitHub answers (GitHub's published OpenAPI
// examples, served by apps/github's test fake), the tokens each tool result costs from Gatehouse's GitHub server and
// from @modelcontextprotocol/server-github (the reference server), both over stdio with the official SDK client.
// Tokens are counted with gpt-tokenizer's o200k_base (GPT-4o) encoding. Aim (issue 5): at most a third of the
// peer's tokens, while keeping what a reviewer needs (checked below against GitHub's own payload).
import { type FakeGitHub, startFakeGitHub } from '@gatehouse/github/test/fake-github';
import { stripInvisible } from '@gatehouse/kit/operator';
import type { Client } from '@modelcontextprotocol/client';
import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';
import { isMain } from '../is-main.ts';
import { CASES, type Need, PEER_PULL_REQUEST_EQUIVALENT } from './cases.ts';
import { startGatehouse, startPeer } from './servers.ts';

const AIM = 1 / 3;
/** get_file carries a whole file: issue 13's aim for it alone, text form. */
const GET_FILE_AIM = 0.5;
const OVERLAP: Record<string, string> = {
  list_pull_requests: 'list_pull_requests',
  get_pull_request: 'get_pull_request',
  get_issue: 'get_issue',
  search_issues: 'search_issues',
  get_file: 'get_file_contents',
  list_commits: 'list_commits',
};

interface ToolResult {
  content?: { type: string; text?: string }[];
  structuredContent?: unknown;
  isError?: boolean;
}

/** The text blocks of a result: what a host passes to the model. A failed call ends the bench: no fair count. */
function textOf(name: string, result: unknown): string {
  const r = result as ToolResult;
  const text = (r.content ?? []).map((part) => part.text ?? '').join('\n');
  if (r.isError) throw new Error(`${name} failed: ${text}`);
  return text;
}

async function call(client: Client, name: string, args: Record<string, unknown>) {
  const result = (await client.callTool({ name, arguments: args })) as ToolResult;
  const text = textOf(name, result);
  const structured = result.structuredContent;
  return {
    text,
    structured,
    tokens: countTokens(text),
    // A host that also hands the model structuredContent (as JSON) pays for both.
    tokensWithStructured: countTokens(
      structured === undefined ? text : `${text}\n${JSON.stringify(structured)}`,
    ),
  };
}

/** Lines without their indentation: the text form indents multi-line values (and fences untrusted ones). */
const unindented = (s: string) =>
  s
    .split('\n')
    .map((line) => line.trimStart())
    .join('\n');

function describeNeeds(needs: Need[], text: string): { line: string; kept: number; of: number } {
  let kept = 0;
  let of = 0;
  const parts = needs.map(([label, want, got]) => {
    if (want === '') return `${label} n/a`;
    of++;
    if (!got.includes(want)) {
      const stripped = stripInvisible(want);
      if (got.includes(stripped))
        return `${label} ≈ (all but ${want.length - stripped.length} invisible/control characters, which the kit strips from untrusted text)`;
      const short = (s: string) => JSON.stringify(s.length > 40 ? `${s.slice(0, 40)}…` : s);
      return `${label} ✗ (GitHub ${short(want)}, ours ${short(got)})`;
    }
    kept++;
    // A list (labels, assignees: joined with ", " here) shows in the text form one item a line.
    const shown =
      unindented(text).includes(unindented(want)) ||
      want.split(', ').every((item) => text.includes(`- ${item}`));
    return shown ? `${label} ✓` : `${label} ✓ (not in the text form)`;
  });
  return { line: parts.join(', '), kept, of };
}

const ratio = (ours: number, peer: number) => (peer === 0 ? Number.POSITIVE_INFINITY : ours / peer);
const verdict = (r: number, aim = AIM) => (r <= aim ? 'met' : 'NOT met');

function toolListCosts(tools: { name: string; description?: string; inputSchema: unknown }[]) {
  const modelFacing = tools.map(({ name, description, inputSchema }) => ({ name, description, inputSchema }));
  return {
    count: tools.length,
    whole: countTokens(JSON.stringify({ tools })),
    modelFacing: countTokens(JSON.stringify(modelFacing)),
  };
}

/** Where a tools/list entry's tokens go: the mean per tool of each field (as `"field":value` JSON). */
function fieldCosts(tools: object[]): string {
  const sums = new Map<string, number>();
  for (const tool of tools)
    for (const [key, value] of Object.entries(tool))
      sums.set(key, (sums.get(key) ?? 0) + countTokens(`${JSON.stringify(key)}:${JSON.stringify(value)}`));
  return [...sums]
    .sort((a, b) => b[1] - a[1])
    .map(([key, sum]) => `${key} ${Math.round(sum / tools.length)}`)
    .join(', ');
}

async function run(fake: FakeGitHub, ours: Client, peer: Client): Promise<void> {
  const upstream = async (path: string) => (await fetch(`${fake.url}${path}`)).json();
  console.log(
    'github tool results: tokens (o200k_base) for the same fake GitHub answers; ratio = ours ÷ peer on the text the host passes to the model; aim ≤ 0.33',
  );
  console.log(
    'case                 | ours / peer tool                        |  peer | ours text | ratio | aim ≤ 1/3 | ours text+structured | ratio',
  );
  const totals = { peer: 0, ours: 0, both: 0, examplePeer: 0, exampleOurs: 0, exampleBoth: 0 };
  const kept: string[] = [];
  const floors: string[] = [];
  const getFile: string[] = [];
  for (const c of CASES) {
    fake.reset();
    c.prepare?.(fake);
    const o = await call(ours, c.ours.name, c.ours.args);
    const p = c.peer(fake);
    const theirs = await call(peer, p.name, p.args);
    const needs = describeNeeds(await c.needs(o.structured, upstream), o.text);
    fake.reset();
    totals.peer += theirs.tokens;
    totals.ours += o.tokens;
    totals.both += o.tokensWithStructured;
    if (!c.prepare) {
      totals.examplePeer += theirs.tokens;
      totals.exampleOurs += o.tokens;
      totals.exampleBoth += o.tokensWithStructured;
    }
    const r = ratio(o.tokens, theirs.tokens);
    console.log(
      [
        c.label.padEnd(20),
        `${c.ours.name} / ${p.name}`.padEnd(39),
        String(theirs.tokens).padStart(5),
        String(o.tokens).padStart(9),
        r.toFixed(2).padStart(5),
        verdict(r).padEnd(9),
        String(o.tokensWithStructured).padStart(20),
        ratio(o.tokensWithStructured, theirs.tokens).toFixed(2).padStart(5),
      ].join(' | '),
    );
    kept.push(`  ${c.label} (${needs.kept}/${needs.of}): ${needs.line}`);
    if (c.ours.name === 'get_file') getFile.push(`${c.label} ${r.toFixed(2)} ${verdict(r, GET_FILE_AIM)}`);
    if (c.floor !== undefined) {
      const floor = countTokens(c.floor);
      floors.push(
        `${c.label}: the content alone is ${floor} tokens, ${(floor / theirs.tokens).toFixed(2)} of the peer’s answer${floor > theirs.tokens * GET_FILE_AIM ? ', so no answer carrying it whole meets either aim' : ''}; ours ${(o.tokens / floor).toFixed(2)}× that floor (${o.tokens - floor} tokens of header and fence), peer ${(theirs.tokens / floor).toFixed(2)}×`,
      );
    }
  }
  const totalLine = (label: string, p: number, o: number, b: number) =>
    console.log(
      [
        label.padEnd(62),
        String(p).padStart(5),
        String(o).padStart(9),
        ratio(o, p).toFixed(2).padStart(5),
        verdict(ratio(o, p)).padEnd(9),
        String(b).padStart(20),
        ratio(b, p).toFixed(2).padStart(5),
      ].join(' | '),
    );
  totalLine(
    'total, the six tools on the description’s own examples',
    totals.examplePeer,
    totals.exampleOurs,
    totals.exampleBoth,
  );
  totalLine('total, all rows (with the real .ts file)', totals.peer, totals.ours, totals.both);

  console.log(`get_file, aim ≤ ${GET_FILE_AIM} of the peer (text): ${getFile.join('; ')}`);
  for (const line of floors) console.log(line);

  // get_pull_request also answers files, checks and reviews; the peer needs three more calls for those.
  const summary = CASES.find((c) => c.ours.name === 'get_pull_request');
  if (!summary) throw new Error('no get_pull_request case');
  const o = await call(ours, summary.ours.name, summary.ours.args);
  let peerTokens = 0;
  for (const { name, args } of PEER_PULL_REQUEST_EQUIVALENT)
    peerTokens += (await call(peer, name, args)).tokens;
  fake.reset();
  console.log(
    `same facts as get_pull_request (PR, files by area, checks, reviews): peer ${PEER_PULL_REQUEST_EQUIVALENT.map((c) => c.name).join(' + ')} = ${peerTokens} tokens; ours ${o.tokens} (${ratio(o.tokens, peerTokens).toFixed(2)}×, ${verdict(ratio(o.tokens, peerTokens))})`,
  );

  console.log();
  console.log(
    'what a reviewer needs, GitHub’s value looked for in our structured answer (✓ kept, ✗ lost, n/a: absent upstream):',
  );
  for (const line of kept) console.log(line);

  console.log();
  const [ourList, peerList] = [await ours.listTools(), await peer.listTools()];
  if (ourList.nextCursor || peerList.nextCursor) throw new Error('tools/list is paged: count every page');
  const [ourCost, peerCost] = [toolListCosts(ourList.tools), toolListCosts(peerList.tools)];
  const pick = (tools: typeof ourList.tools, names: string[]) => tools.filter((t) => names.includes(t.name));
  const [ourSix, peerSix] = [
    toolListCosts(pick(ourList.tools, Object.keys(OVERLAP))),
    toolListCosts(pick(peerList.tools, Object.values(OVERLAP))),
  ];
  console.log(
    'tools/list (paid in every conversation) | peer | ours | ratio    [whole = the tools/list JSON; model-facing = name, description, inputSchema]',
  );
  const listLine = (label: string, p: number, o: number) =>
    console.log(
      `${label.padEnd(39)} | ${String(p).padStart(4)} | ${String(o).padStart(4)} | ${ratio(o, p).toFixed(2)}`,
    );
  listLine(`whole, all tools (peer ${peerCost.count}, ours ${ourCost.count})`, peerCost.whole, ourCost.whole);
  listLine('model-facing, all tools', peerCost.modelFacing, ourCost.modelFacing);
  listLine(
    'whole, per tool (mean)',
    Math.round(peerCost.whole / peerCost.count),
    Math.round(ourCost.whole / ourCost.count),
  );
  listLine(`whole, the ${ourSix.count} shared tools`, peerSix.whole, ourSix.whole);
  listLine('model-facing, the 6 shared tools', peerSix.modelFacing, ourSix.modelFacing);
  console.log(`ours, mean tokens per tool by field: ${fieldCosts(ourList.tools)}`);
  console.log(`peer, mean tokens per tool by field: ${fieldCosts(peerList.tools)}`);
  console.log(
    'notes: ours lists its default toolsets (reads; the two writes are off unless enabled), the peer all its tools (writes included);',
  );
  console.log(
    '       ours also sends title, outputSchema, annotations and a _meta contract pin per tool (counted in "whole"); _meta of results is not counted.',
  );
}

export async function main(): Promise<void> {
  const fake = await startFakeGitHub();
  const ours = await startGatehouse(fake.url);
  const peer = await startPeer(fake.url);
  try {
    await run(fake, ours, peer);
  } finally {
    await ours.close();
    await peer.close();
    await fake.close();
  }
}

if (isMain(import.meta.url)) await main();
