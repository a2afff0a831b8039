import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import type { Client } from '@modelcontextprotocol/client';
import { countTokens as o200kTokens } from 'gpt-tokenizer/encoding/o200k_base';
import { updateRequested } from './contracts.ts';

// What listing a server costs a model, counted with a real tokenizer (o200k_base, GPT-4o's) on the JSON the
// server sends. Its own entry point (`@gatehouse/kit/testing/tokens`): the tokenizer is a test-only dependency.

/**
 * The aims every server is held to (issue 12). The model-visible part of a tool is what hosts hand the model
 * (name, description, inputSchema); the whole entry adds title, outputSchema, annotations and the contract pin,
 * which some hosts pass on too.
 */
export const TOKEN_AIMS = {
  modelVisibleMedian: 100,
  modelVisibleMax: 150,
  wholeMax: 200,
  resourcesList: 600,
} as const;

/** Tokens of a value as it travels: compact JSON (a string is counted as it is). */
export function countTokens(value: unknown): number {
  return o200kTokens(typeof value === 'string' ? value : JSON.stringify(value));
}

export interface ToolCost {
  readonly name: string;
  /** name, description and inputSchema: what a host hands the model. */
  readonly modelVisible: number;
  /** The whole tools/list entry. */
  readonly whole: number;
}

export interface ServerCost {
  readonly server: string;
  readonly tools: readonly ToolCost[];
  /** Every page of resources/list, as listed. */
  readonly resourcesList: number;
  readonly resourceTemplatesList: number;
  readonly promptsList: number;
}

type ListedTool = { name: string; description?: string; inputSchema: unknown };

export function toolCost(tool: ListedTool): ToolCost {
  const { name, description, inputSchema } = tool;
  return { name, modelVisible: countTokens({ name, description, inputSchema }), whole: countTokens(tool) };
}

/**
 * Lists everything through `client` and counts what each list costs. The SDK client walks every page of a list
 * called without a cursor, so a paged `resources/list` is counted whole.
 */
export async function measureServer(server: string, client: Client): Promise<ServerCost> {
  const capabilities = client.getServerCapabilities() ?? {};
  const tools = (await client.listTools()).tools as ListedTool[];
  return {
    server,
    tools: tools.map(toolCost),
    resourcesList: capabilities.resources ? countTokens(await client.listResources()) : 0,
    resourceTemplatesList: capabilities.resources ? countTokens(await client.listResourceTemplates()) : 0,
    promptsList: capabilities.prompts ? countTokens(await client.listPrompts()) : 0,
  };
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

const maxOf = (values: readonly number[]) => values.reduce((a, b) => Math.max(a, b), 0);

/** Everything past an aim, one line each, naming the tool and the figure. */
export function costProblems(cost: ServerCost): string[] {
  const problems: string[] = [];
  const past = (what: string, value: number, aim: number) => {
    if (value > aim) problems.push(`${cost.server}: ${what} costs ${value} tokens (aim ≤ ${aim})`);
  };
  for (const tool of cost.tools) {
    past(
      `tool ${tool.name}: name + description + inputSchema`,
      tool.modelVisible,
      TOKEN_AIMS.modelVisibleMax,
    );
    past(`tool ${tool.name}: its whole tools/list entry`, tool.whole, TOKEN_AIMS.wholeMax);
  }
  past(
    'the median tool (name + description + inputSchema)',
    median(cost.tools.map((t) => t.modelVisible)),
    TOKEN_AIMS.modelVisibleMedian,
  );
  past('resources/list', cost.resourcesList, TOKEN_AIMS.resourcesList);
  return problems;
}

/** The server's block of the README's token table: a summary line and one row per tool. */
export function costTable(cost: ServerCost): string {
  const visible = cost.tools.map((t) => t.modelVisible);
  const summary =
    `**${cost.server}**: model-visible median ${median(visible)}, max ${maxOf(visible)}; ` +
    `whole entry max ${maxOf(cost.tools.map((t) => t.whole))}; \`resources/list\` ${cost.resourcesList}, ` +
    `\`resources/templates/list\` ${cost.resourceTemplatesList}, \`prompts/list\` ${cost.promptsList}`;
  return [
    summary,
    '',
    '| tool | model-visible | whole |',
    '| --- | ---: | ---: |',
    ...cost.tools.map((t) => `| \`${t.name}\` | ${t.modelVisible} | ${t.whole} |`),
  ].join('\n');
}

/** What a person reads in the test output: the table, then each aim with met / NOT met. */
export function costReport(cost: ServerCost): string {
  const visible = cost.tools.map((t) => t.modelVisible);
  const verdict = (value: number, aim: number) =>
    `${value} (aim ≤ ${aim}: ${value <= aim ? 'met' : 'NOT met'})`;
  return [
    `${cost.server}: tokens per tool in tools/list (o200k_base)`,
    costTable(cost).split('\n').slice(2).join('\n'),
    `model-visible median ${verdict(median(visible), TOKEN_AIMS.modelVisibleMedian)}, ` +
      `max ${verdict(maxOf(visible), TOKEN_AIMS.modelVisibleMax)}`,
    `whole entry max ${verdict(maxOf(cost.tools.map((t) => t.whole)), TOKEN_AIMS.wholeMax)}`,
    `resources/list ${verdict(cost.resourcesList, TOKEN_AIMS.resourcesList)}`,
  ].join('\n');
}

/** The variable `pnpm tokens` sets so each server's test rewrites its block of the README table. */
export const UPDATE_TOKENS_VARIABLE = 'GATEHOUSE_UPDATE_TOKENS';

const blockStart = (server: string) =>
  `<!-- gatehouse:tokens ${server} (measured by the server's tokens test; \`pnpm tokens\` rewrites it) -->`;
const blockEnd = (server: string) => `<!-- /gatehouse:tokens ${server} -->`;
/** Where a server's first block goes when the README has none yet. */
export const TOKENS_SECTION_END = '<!-- /gatehouse:tokens -->';

/** What checking a server's block of the token table found. */
export interface CostTableCheck {
  /** Why the table is wrong (empty when it is right, or once it was written). */
  readonly problems: string[];
  /** The README had no block for this server, so one was added: commit it with the server. */
  readonly added: boolean;
}

/**
 * Compares the server's block of the token table in `readmeFile` with what was measured. A server with no block
 * yet gets one, in name order, without failing: a new server joins the table on its own first test run, so two
 * servers landing at once never fail each other (after a README merge conflict, take either side and run the
 * tests again). A block that disagrees with the measurement is a problem unless `update` (default:
 * GATEHOUSE_UPDATE_TOKENS=1, which `pnpm tokens` sets, or GATEHOUSE_UPDATE_CONTRACTS=1, which writes everything
 * generated) asks for it to be rewritten. Writers take turns (a lock beside the file): every server's test may
 * run at once.
 */
export async function checkCostTable(
  cost: ServerCost,
  readmeFile: string,
  options: { update?: boolean } = {},
): Promise<CostTableCheck> {
  const update = options.update ?? (process.env[UPDATE_TOKENS_VARIABLE] === '1' || updateRequested());
  const block = `${blockStart(cost.server)}\n${costTable(cost)}\n${blockEnd(cost.server)}`;
  const current = placeBlock(await readFile(readmeFile, 'utf8'), cost.server, block);
  if (current.kind === 'same') return { problems: [], added: false };
  if (current.kind === 'no-section') return { problems: [`${readmeFile}: ${current.message}`], added: false };
  if (current.kind === 'stale' && !update)
    return { problems: [`${readmeFile}: ${current.message}`], added: false };
  return withLock(readmeFile, async () => {
    // Read again under the lock: another server's test may have written its block meanwhile.
    const placed = placeBlock(await readFile(readmeFile, 'utf8'), cost.server, block);
    if (placed.kind === 'no-section') return { problems: [`${readmeFile}: ${placed.message}`], added: false };
    if (placed.kind === 'stale' && !update)
      return { problems: [`${readmeFile}: ${placed.message}`], added: false };
    if (placed.kind !== 'same') await writeFile(readmeFile, placed.text);
    return { problems: [], added: placed.kind === 'missing' };
  });
}

type Placed =
  | { kind: 'same' }
  | { kind: 'no-section'; message: string }
  | { kind: 'missing' | 'stale'; text: string; message: string };

const ANY_BLOCK_START = /<!-- gatehouse:tokens (\S+) \(/g;

/** The README with the block in place, and what to tell a reader when it was not. */
function placeBlock(text: string, server: string, block: string): Placed {
  const start = text.indexOf(blockStart(server));
  const end = start === -1 ? -1 : text.indexOf(blockEnd(server), start);
  if (start === -1 || end === -1) {
    const sectionEnd = text.indexOf(TOKENS_SECTION_END);
    if (sectionEnd === -1) {
      return {
        kind: 'no-section',
        message: `no token table for ${server} and no ${TOKENS_SECTION_END} marker to add it before; add the marker where the table belongs`,
      };
    }
    // Before the first block of a server named after this one, so the table reads in name order.
    const next = [...text.slice(0, sectionEnd).matchAll(ANY_BLOCK_START)].find(
      (m) => (m[1] as string) > server,
    );
    const at = next?.index ?? sectionEnd;
    return {
      kind: 'missing',
      text: `${text.slice(0, at)}${block}\n\n${text.slice(at)}`,
      message: `no token table for ${server}`,
    };
  }
  const after = end + blockEnd(server).length;
  if (text.slice(start, after) === block) return { kind: 'same' };
  return {
    kind: 'stale',
    text: text.slice(0, start) + block + text.slice(after),
    message: `the token table of ${server} does not match what was measured; rewrite it with \`pnpm tokens\`\nmeasured:\n${block}`,
  };
}

/** Runs `work` holding `<file>.lock` (a directory: creating one is atomic), waiting up to 30 s for it. */
async function withLock<T>(file: string, work: () => Promise<T>): Promise<T> {
  const lock = `${file}.lock`;
  const until = Date.now() + 30_000;
  for (;;) {
    try {
      await mkdir(lock);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (Date.now() > until) {
        throw new Error(`${lock} has been held for 30 s; remove it if no test is writing ${file}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
  try {
    return await work();
  } finally {
    await rm(lock, { recursive: true, force: true });
  }
}
