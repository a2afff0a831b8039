// The six tools both servers have, called with the same repository, number, path and query, each with the list of
// what a reviewer needs from its answer. Each need is a value taken from GitHub's own (fake) payload, looked for
// in Gatehouse's structured answer and in the text the model sees.
import { readFileSync } from 'node:fs';
import type { FakeGitHub } from '@gatehouse/github/test/fake-github';

type Args = Record<string, unknown>;
/** One need: its name, the value from GitHub's payload, and what Gatehouse's structured answer holds for it. */
export type Need = readonly [label: string, want: string, got: string];
export type Upstream = (path: string) => Promise<unknown>;

export interface Case {
  readonly label: string;
  readonly ours: { readonly name: string; readonly args: Args };
  /** The peer's call; it may use what Gatehouse sent upstream (the search query) so both ask GitHub the same. */
  readonly peer: (fake: FakeGitHub) => { readonly name: string; readonly args: Args };
  /** Adjusts an example's values (never its shape) for a scenario, for both servers alike. */
  readonly prepare?: (fake: FakeGitHub) => void;
  readonly needs: (ours: unknown, upstream: Upstream) => Promise<Need[]>;
  /** Text any faithful answer must carry whole (a file's content): the floor of its cost. */
  readonly floor?: string;
}

const REPO = 'octocat/Hello-World';
const [OWNER, NAME] = ['octocat', 'Hello-World'];
const NUMBER = 1347; // the number the description's pull request and issue examples carry

function at(value: unknown, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>((v, key) => (v && typeof v === 'object' ? (v as Args)[key] : undefined), value);
}

/** A value as text: arrays joined with ", ", absent as "". */
export function text(value: unknown, path: string): string {
  const v = at(value, path);
  if (Array.isArray(v)) return v.join(', ');
  return v === undefined || v === null ? '' : String(v);
}

const logins = (value: unknown, path: string) =>
  ((at(value, path) as { login: string }[] | undefined) ?? []).map((u) => u.login).join(', ');
const labelNames = (value: unknown, path: string) =>
  ((at(value, path) as ({ name?: string } | string)[] | undefined) ?? [])
    .map((l) => (typeof l === 'string' ? l : (l.name ?? '')))
    .join(', ');
/** GitHub's state with merging made explicit: a closed PR with merged_at was merged. */
const prState = (pr: unknown, prefix: string) =>
  text(pr, `${prefix}merged_at`) ? 'merged' : text(pr, `${prefix}state`);
const firstLine = (s: string) => s.split('\n', 1)[0] ?? '';

// A real source file of this repository (TypeScript, 7.2 KB), as a file a reviewer opens looks: the description's
// own example decodes to binary-looking bytes, which says little about a text file's cost. A copy of
// apps/github/src/tools/pulls.ts as of fe746a7, so runs stay comparable while that file changes.
const REAL_FILE_PATH = 'src/tools/pulls.ts';
const REAL_FILE = readFileSync(new URL('./fixtures/pulls.ts.txt', import.meta.url), 'utf8');

async function fileNeeds(ours: unknown, upstream: Upstream, path: string): Promise<Need[]> {
  const raw = await upstream(`/repos/${REPO}/contents/${path}`);
  const content = Buffer.from(text(raw, 'content'), 'base64').toString('utf8').replace(/\n$/, '');
  return [
    ['path', text(raw, 'path'), text(ours, 'path')],
    ['blob sha (short)', text(raw, 'sha').slice(0, 12), text(ours, 'sha')],
    ['line count', String(content.split('\n').length), text(ours, 'totalLines')],
    ['the whole text', content, text(ours, 'text')],
  ];
}

export const CASES: readonly Case[] = [
  {
    label: 'list pull requests',
    ours: { name: 'list_pull_requests', args: { repo: REPO } },
    peer: () => ({ name: 'list_pull_requests', args: { owner: OWNER, repo: NAME } }),
    async needs(ours, upstream) {
      const raw = await upstream(`/repos/${REPO}/pulls`);
      const o = 'pullRequests.0.';
      return [
        ['number', text(raw, '0.number'), text(ours, `${o}number`)],
        ['title', text(raw, '0.title'), text(ours, `${o}title`)],
        ['author', text(raw, '0.user.login'), text(ours, `${o}author`)],
        ['state', prState(raw, '0.'), text(ours, `${o}state`)],
        ['draft', text(raw, '0.draft'), text(ours, `${o}draft`)],
        ['base branch', text(raw, '0.base.ref'), text(ours, `${o}base`)],
        ['head branch', text(raw, '0.head.ref'), text(ours, `${o}head`)],
        ['head sha (short)', text(raw, '0.head.sha').slice(0, 12), text(ours, `${o}headSha`)],
        ['created', text(raw, '0.created_at'), text(ours, `${o}createdAt`)],
        ['updated', text(raw, '0.updated_at'), text(ours, `${o}updatedAt`)],
        ['labels', labelNames(raw, '0.labels'), text(ours, `${o}labels`)],
        ['assignees', logins(raw, '0.assignees'), text(ours, `${o}assignees`)],
        ['url', text(raw, '0.html_url'), text(ours, `${o}url`)],
      ];
    },
  },
  {
    label: 'get pull request',
    ours: { name: 'get_pull_request', args: { repo: REPO, number: NUMBER } },
    peer: () => ({ name: 'get_pull_request', args: { owner: OWNER, repo: NAME, pull_number: NUMBER } }),
    async needs(ours, upstream) {
      const pr = await upstream(`/repos/${REPO}/pulls/${NUMBER}`);
      const files = await upstream(`/repos/${REPO}/pulls/${NUMBER}/files`);
      const runs = await upstream(`/repos/${REPO}/commits/${text(pr, 'head.sha')}/check-runs`);
      const reviews = (await upstream(`/repos/${REPO}/pulls/${NUMBER}/reviews`)) as unknown[];
      const firstFile = text(files, '0.filename');
      const lastReview = reviews.at(-1);
      const decision = { APPROVED: 'approved by', CHANGES_REQUESTED: 'changes requested by' }[
        text(lastReview, 'state')
      ];
      return [
        ['title', text(pr, 'title'), text(ours, 'title')],
        ['state', prState(pr, ''), text(ours, 'state')],
        ['author', text(pr, 'user.login'), text(ours, 'author')],
        ['branches', `${text(pr, 'head.ref')} -> ${text(pr, 'base.ref')}`, text(ours, 'branches')],
        ['head sha (short)', text(pr, 'head.sha').slice(0, 12), text(ours, 'headSha')],
        ['labels', labelNames(pr, 'labels'), text(ours, 'labels')],
        ['assignees', logins(pr, 'assignees'), text(ours, 'assignees')],
        ['created', text(pr, 'created_at'), text(ours, 'createdAt')],
        ['merged', text(pr, 'merged_at'), text(ours, 'mergedAt')],
        ['url', text(pr, 'html_url'), text(ours, 'url')],
        ['changed files count', `${text(pr, 'changed_files')} files`, text(ours, 'size')],
        ['additions/deletions', `+${text(pr, 'additions')}/-${text(pr, 'deletions')}`, text(ours, 'size')],
        [
          'changed areas',
          firstFile.includes('/') ? (firstFile.split('/')[0] ?? '') : '(root)',
          text(ours, 'areas'),
        ],
        ['checks', `${(at(runs, 'check_runs') as unknown[]).length} checks`, text(ours, 'checks')],
        [
          'review decision',
          decision ? `${decision} ${text(lastReview, 'user.login')}` : '',
          text(ours, 'reviews'),
        ],
        ['requested reviewers', logins(pr, 'requested_reviewers'), text(ours, 'reviews')],
        ['body', text(pr, 'body'), text(ours, 'body')],
      ];
    },
  },
  {
    label: 'get issue',
    ours: { name: 'get_issue', args: { repo: REPO, number: NUMBER } },
    peer: () => ({ name: 'get_issue', args: { owner: OWNER, repo: NAME, issue_number: NUMBER } }),
    async needs(ours, upstream) {
      const raw = await upstream(`/repos/${REPO}/issues/${NUMBER}`);
      return [
        ['title', text(raw, 'title'), text(ours, 'title')],
        ['state', text(raw, 'state'), text(ours, 'state')],
        ['author', text(raw, 'user.login'), text(ours, 'author')],
        ['labels', labelNames(raw, 'labels'), text(ours, 'labels')],
        ['assignees', logins(raw, 'assignees'), text(ours, 'assignees')],
        ['created', text(raw, 'created_at'), text(ours, 'createdAt')],
        ['closed', text(raw, 'closed_at'), text(ours, 'closedAt')],
        ['url', text(raw, 'html_url'), text(ours, 'url')],
        ['body', text(raw, 'body'), text(ours, 'body')],
        ['comment count', text(raw, 'comments'), text(ours, 'commentCount')],
      ];
    },
  },
  {
    label: 'search issues',
    ours: { name: 'search_issues', args: { query: 'is:open bug' } },
    // The exact query Gatehouse sent (its own words plus the allowlist's qualifiers), so GitHub is asked the same.
    peer: (fake) => {
      const q = fake.requests.findLast((r) => r.path === '/search/issues')?.query.get('q');
      if (!q) throw new Error('Gatehouse sent no search: nothing to ask the peer');
      return { name: 'search_issues', args: { q } };
    },
    async needs(ours, upstream) {
      const raw = await upstream('/search/issues?q=bug');
      const o = 'results.0.';
      return [
        ['total', text(raw, 'total_count'), text(ours, 'total')],
        [
          'repository',
          text(raw, 'items.0.repository_url').replace(/^.*\/repos\//, ''),
          text(ours, `${o}repo`),
        ],
        ['number', text(raw, 'items.0.number'), text(ours, `${o}number`)],
        ['title', text(raw, 'items.0.title'), text(ours, `${o}title`)],
        ['state', text(raw, 'items.0.state'), text(ours, `${o}state`)],
        ['author', text(raw, 'items.0.user.login'), text(ours, `${o}author`)],
        ['labels', labelNames(raw, 'items.0.labels'), text(ours, `${o}labels`)],
        ['url', text(raw, 'items.0.html_url'), text(ours, `${o}url`)],
        ['is a PR', String(at(raw, 'items.0.pull_request') !== undefined), text(ours, `${o}pullRequest`)],
        ['comments', text(raw, 'items.0.comments'), text(ours, `${o}comments`)],
        ['updated', text(raw, 'items.0.updated_at'), text(ours, `${o}updatedAt`)],
      ];
    },
  },
  {
    label: 'get file (example)',
    ours: { name: 'get_file', args: { repo: REPO, path: 'README.md' } },
    peer: () => ({ name: 'get_file_contents', args: { owner: OWNER, repo: NAME, path: 'README.md' } }),
    needs: (ours, upstream) => fileNeeds(ours, upstream, 'README.md'),
  },
  {
    label: 'get file (real .ts)',
    ours: { name: 'get_file', args: { repo: REPO, path: REAL_FILE_PATH } },
    peer: () => ({ name: 'get_file_contents', args: { owner: OWNER, repo: NAME, path: REAL_FILE_PATH } }),
    prepare(fake) {
      fake.on('repos/get-content', {
        patch: (file) => ({
          ...(file as Args),
          name: 'pulls.ts',
          path: REAL_FILE_PATH,
          size: Buffer.byteLength(REAL_FILE),
          // GitHub wraps the base64 at 60 characters.
          content: Buffer.from(REAL_FILE).toString('base64').replace(/.{60}/g, '$&\n'),
        }),
      });
    },
    needs: (ours, upstream) => fileNeeds(ours, upstream, REAL_FILE_PATH),
    floor: REAL_FILE,
  },
  {
    label: 'list commits',
    ours: { name: 'list_commits', args: { repo: REPO } },
    peer: () => ({ name: 'list_commits', args: { owner: OWNER, repo: NAME } }),
    async needs(ours, upstream) {
      const raw = await upstream(`/repos/${REPO}/commits`);
      const o = 'commits.0.';
      return [
        ['sha (short)', text(raw, '0.sha').slice(0, 12), text(ours, `${o}sha`)],
        ['message (first line)', firstLine(text(raw, '0.commit.message')), text(ours, `${o}message`)],
        ['author', text(raw, '0.author.login'), text(ours, `${o}author`)],
        ['date', text(raw, '0.commit.author.date'), text(ours, `${o}date`)],
      ];
    },
  },
];

/**
 * What the peer needs to tell a reviewer what get_pull_request tells: the PR, its files, its CI status and its
 * reviews (the peer's get_pull_request has none of the last three).
 */
export const PEER_PULL_REQUEST_EQUIVALENT = [
  'get_pull_request',
  'get_pull_request_files',
  'get_pull_request_status',
  'get_pull_request_reviews',
].map((name) => ({ name, args: { owner: OWNER, repo: NAME, pull_number: NUMBER } }));
