// Context cost of the Jira tools, in one run: for the same fake Jira answers (apps/jira's test fake, Jira Cloud
// REST v3 shapes typed by jira.js), the tokens of `tools/list` and of a search and an issue read from Gatehouse's
// Jira server and from @aashari/mcp-server-atlassian-jira 3.3.0, both over stdio with the official SDK client.
// The peer is a generic REST proxy (jira_get with an optional jq filter, TOON output). Aim (issue 16): at most a
// third of the peer's answer tokens, with nothing a reviewer needs lost — judged against the peer's answer as a
// client gets it by default (no jq filter), and met only when our answer shows every need. For information it
// also prints the peer with a jq filter picking the fields (as its own description suggests to a model that
// already knows Jira's payload), and each answer's information floor. Tokens: gpt-tokenizer's o200k_base.
// `--show` prints our two answers.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { FAKE_AUTH, type FakeJira, startFakeJira } from '@gatehouse/jira/test/fake-jira';
import type { Client } from '@modelcontextprotocol/client';
import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';
import { isMain } from '../is-main.ts';
import { stdioClient as startStdio } from '../stdio-client.ts';

const AIM = 1 / 3;

const stdioClient = (args: string[], env: Record<string, string>) =>
  startStdio('bench-jira-tokens', args, env);

const startGatehouse = (fake: FakeJira) =>
  stdioClient([fileURLToPath(new URL('../../apps/jira/src/main.ts', import.meta.url))], {
    GATEHOUSE_TRANSPORT: 'stdio',
    GATEHOUSE_RATE_LIMIT_CAPACITY: '1000000',
    GATEHOUSE_STDIO_ROLES: 'writer',
    GATEHOUSE_JIRA_BASE_URL: fake.url,
    GATEHOUSE_JIRA_EMAIL: FAKE_AUTH.email,
    GATEHOUSE_JIRA_API_TOKEN: FAKE_AUTH.apiToken,
    GATEHOUSE_JIRA_PROJECTS: 'API,WEB',
    GATEHOUSE_JIRA_WRITES: 'true',
  });

const startPeer = (fake: FakeJira) => {
  const entry = createRequire(import.meta.url).resolve('@aashari/mcp-server-atlassian-jira/dist/index.js');
  return stdioClient(['--import', fileURLToPath(new URL('./rewrite-origin.ts', import.meta.url)), entry], {
    ATLASSIAN_SITE_NAME: 'bench',
    ATLASSIAN_USER_EMAIL: FAKE_AUTH.email,
    ATLASSIAN_API_TOKEN: FAKE_AUTH.apiToken,
    TRANSPORT_MODE: 'stdio',
    BENCH_JIRA_FAKE_URL: fake.url,
  });
};

interface ToolResult {
  content?: { type: string; text?: string }[];
  isError?: boolean;
}

async function answer(client: Client, name: string, args: Record<string, unknown>): Promise<string> {
  const result = (await client.callTool({ name, arguments: args })) as ToolResult;
  const text = (result.content ?? []).map((part) => part.text ?? '').join('\n');
  if (result.isError) throw new Error(`${name} failed: ${text.slice(0, 300)}`);
  return text;
}

/** What a reviewer needs from each answer, as text that must appear in it. */
const SEARCH_NEEDS = {
  keys: ['API-1', 'WEB-1'],
  summaries: ['Rate limit the login endpoint', 'Login form shows the rate limit message'],
  statuses: ['In Progress', 'To Do'],
  assignee: ['Ada Lovelace'],
};
const ISSUE_NEEDS = {
  summary: ['Rate limit the login endpoint'],
  status: ['In Progress'],
  assignee: ['Ada Lovelace'],
  description: ['Brute force attempts reach the login endpoint unthrottled'],
  'acceptance criteria': ['At most 5 attempts per minute per account', 'A 429 carries Retry-After'],
  'linked issue': ['WEB-1'],
  'linked PR': ['https://github.com/acme/api/pull/42'],
  'latest comment': ['Comment 7'],
};

/**
 * The information floor of an answer: the needed values alone, one per line, with no names, keys or structure.
 * No answer that shows the needs can cost fewer tokens, so an aim below it cannot be met by any server.
 */
const floorOf = (needs: Record<string, string[]>) =>
  countTokens([...new Set(Object.values(needs).flat())].join('\n'));

/** The needs an answer does not show (each need's every value must appear in it). */
function missingNeeds(text: string, needs: Record<string, string[]>): string[] {
  const flat = text.replace(/\s+/g, ' ');
  return Object.entries(needs)
    .filter(([, values]) => !values.every((v) => flat.includes(v)))
    .map(([need]) => need);
}

const shows = (missing: string[]) => (missing.length === 0 ? 'all' : `missing ${missing.join(', ')}`);

const PEER_SEARCH_JQ =
  'issues[*].{key: key, summary: fields.summary, status: fields.status.name, assignee: fields.assignee.displayName, updated: fields.updated}';
const PEER_ISSUE_JQ =
  '{key: key, summary: fields.summary, status: fields.status.name, assignee: fields.assignee.displayName, description: fields.description, links: fields.issuelinks[*].{type: type.outward, inward: inwardIssue.key, outward: outwardIssue.key}}';

export async function main() {
  const fake = await startFakeJira();
  const ours = await startGatehouse(fake);
  const peer = await startPeer(fake);
  const rows: {
    name: string;
    needs: Record<string, string[]>;
    ours: string;
    /** The peer's answer as a client gets it by default: no jq filter. */
    peer: string;
    peerJq: string;
  }[] = [];
  try {
    const [ourTools, peerTools] = await Promise.all([ours.listTools(), peer.listTools()]);
    const ourList = countTokens(JSON.stringify(ourTools.tools));
    const peerList = countTokens(JSON.stringify(peerTools.tools));
    console.log(
      'jira-tokens: Gatehouse Jira vs @aashari/mcp-server-atlassian-jira 3.3.0 (o200k_base tokens, text a model reads)',
    );
    console.log(
      `  tools/list: ours ${ourTools.tools.length} tools ${ourList} tokens (${Math.round(ourList / ourTools.tools.length)}/tool); peer ${peerTools.tools.length} tools ${peerList} tokens (${Math.round(peerList / peerTools.tools.length)}/tool); ratio ${(ourList / peerList).toFixed(2)}`,
    );

    // A search: issues about login in the allowed projects.
    const ourSearch = await answer(ours, 'search_issues', { text: 'login' });
    const jql = 'project in (API, WEB) AND text ~ "login" ORDER BY updated DESC';
    const searchPath = {
      path: '/rest/api/3/search/jql',
      queryParams: { jql, fields: 'summary,status,assignee,issuetype,priority,updated' },
    };
    const peerSearch = await answer(peer, 'jira_get', { ...searchPath, jq: PEER_SEARCH_JQ });
    const peerSearchAll = await answer(peer, 'jira_get', searchPath);
    rows.push({
      name: 'search_issues',
      needs: SEARCH_NEEDS,
      ours: ourSearch,
      peer: peerSearchAll,
      peerJq: peerSearch,
    });

    // An issue read: the peer needs three calls for what get_issue answers (issue, latest comments, remote links).
    const ourIssue = await answer(ours, 'get_issue', { key: 'API-1' });
    const peerIssueParts = await Promise.all([
      answer(peer, 'jira_get', { path: '/rest/api/3/issue/API-1', jq: PEER_ISSUE_JQ }),
      answer(peer, 'jira_get', {
        path: '/rest/api/3/issue/API-1/comment',
        queryParams: { orderBy: '-created', maxResults: '5' },
        jq: 'comments[*].{author: author.displayName, created: created, body: body}',
      }),
      answer(peer, 'jira_get', {
        path: '/rest/api/3/issue/API-1/remotelink',
        jq: '[*].object.{title: title, url: url}',
      }),
    ]);
    const peerIssueAll = await Promise.all([
      answer(peer, 'jira_get', { path: '/rest/api/3/issue/API-1' }),
      answer(peer, 'jira_get', {
        path: '/rest/api/3/issue/API-1/comment',
        queryParams: { orderBy: '-created', maxResults: '5' },
      }),
      answer(peer, 'jira_get', { path: '/rest/api/3/issue/API-1/remotelink' }),
    ]);
    rows.push({
      name: 'get_issue',
      needs: ISSUE_NEEDS,
      ours: ourIssue,
      peer: peerIssueAll.join('\n'),
      peerJq: peerIssueParts.join('\n'),
    });
    if (process.argv.includes('--show')) {
      for (const row of rows) console.log(`--- ${row.name} (ours)\n${row.ours}\n---`);
    }

    for (const row of rows) {
      const [ours, peer, peerJq] = [row.ours, row.peer, row.peerJq].map((text) => countTokens(text)) as [
        number,
        number,
        number,
      ];
      const missing = { ours: missingNeeds(row.ours, row.needs), peer: missingNeeds(row.peer, row.needs) };
      const met = ours / peer <= AIM && missing.ours.length === 0;
      console.log(
        `  ${row.name}: ours ${ours}, peer ${peer} as a client gets it (no jq): ratio ${(ours / peer).toFixed(2)} — aim ≤ ${AIM.toFixed(2)} with every need shown: ${met ? 'met' : 'NOT met'}`,
      );
      console.log(
        `    needs (${Object.keys(row.needs).join(', ')}): ours shows ${shows(missing.ours)}; peer shows ${shows(missing.peer)}; peer with jq shows ${shows(missingNeeds(row.peerJq, row.needs))}`,
      );
      // For information: the peer with a jq filter a model must write knowing Jira's payload. A third of it can
      // sit below what the needs alone cost: then no answer meets that stricter reading.
      const floor = floorOf(row.needs);
      const third = Math.floor(peerJq * AIM);
      console.log(
        `    for information, peer with a jq filter picking the fields: ${peerJq} (ratio ${(ours / peerJq).toFixed(2)}); the needed values alone are ${floor} tokens and a third of the jq answer is ${third}: ${third < floor ? 'below that floor, no answer that shows the needs could be within a third of it' : `reachable; ours is ${(ours / floor).toFixed(1)}× the floor, the peer with jq ${(peerJq / floor).toFixed(1)}×`}`,
      );
    }
    const listRatio = ourList / peerList;
    console.log(
      `  tools/list ≤ 3,000 tokens for ≤ 10 tools: ${ourList <= 3000 && ourTools.tools.length <= 10 ? 'met' : 'NOT met'} (ratio to peer ${listRatio.toFixed(2)})`,
    );
  } finally {
    await Promise.all([ours.close(), peer.close()]);
    await fake.close();
  }
}

if (isMain(import.meta.url)) await main();
