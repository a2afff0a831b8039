// Twenty everyday GitHub operations as an operator would allowlist them: each with the response fields and the
// optional inputs a model needs (the rest of GitHub's payload costs tokens and says little). The GitHub test and
// bench/internal-api both use it.
const op = (fields: string[], inputs: string[] = []) => ({ version: '1.0.0', fields, inputs });
const REPO = [
  'full_name',
  'description',
  'default_branch',
  'visibility',
  'stargazers_count',
  'open_issues_count',
];
const ISSUE = ['number', 'title', 'state', 'user.login', 'comments', 'created_at'];
const PULL = ['number', 'title', 'state', 'user.login', 'draft', 'merged_at'];
const RUN = ['id', 'name', 'status', 'conclusion', 'head_branch', 'created_at'];

export const GITHUB_TWENTY = {
  allow: [
    'repos/get',
    'repos/list-for-org',
    'issues/get',
    'issues/list-for-repo',
    'issues/create',
    'issues/create-comment',
    'pulls/get',
    'pulls/list',
    'pulls/list-files',
    'repos/get-content',
    'repos/list-commits',
    'repos/get-commit',
    'repos/list-branches',
    'repos/list-releases',
    'actions/list-workflow-runs-for-repo',
    'actions/get-workflow-run',
    'search/issues-and-pull-requests',
    'search/code',
    'users/get-by-username',
    'repos/list-tags',
  ],
  operations: {
    'repos/get': op(REPO),
    'repos/list-for-org': op(
      ['full_name', 'description', 'archived', 'pushed_at'],
      ['type', 'per_page', 'page'],
    ),
    'issues/get': op([...ISSUE, 'body']),
    'issues/list-for-repo': op(ISSUE, ['state', 'labels', 'per_page', 'page']),
    'issues/create': op(['number', 'html_url'], ['body.title', 'body.body', 'body.labels']),
    'issues/create-comment': op(['id', 'html_url']),
    'pulls/get': op([...PULL, 'body', 'mergeable']),
    'pulls/list': op(PULL, ['state', 'per_page', 'page']),
    'pulls/list-files': op(['filename', 'status', 'additions', 'deletions'], ['per_page', 'page']),
    'repos/get-content': op([], ['ref']),
    'repos/list-commits': op(
      ['sha', 'commit.message', 'commit.author.date'],
      ['sha', 'path', 'per_page', 'page'],
    ),
    'repos/get-commit': op(['sha', 'commit.message', 'stats.total'], []),
    'repos/list-branches': op(['name', 'protected'], ['per_page', 'page']),
    'repos/list-releases': op(['tag_name', 'name', 'draft', 'published_at'], ['per_page', 'page']),
    'actions/list-workflow-runs-for-repo': op(
      ['total_count', 'workflow_runs.id', 'workflow_runs.status', 'workflow_runs.conclusion'],
      ['branch', 'status', 'per_page'],
    ),
    'actions/get-workflow-run': op(RUN, []),
    'search/issues-and-pull-requests': op(
      ['total_count', 'items.number', 'items.title', 'items.state'],
      ['per_page', 'page'],
    ),
    'search/code': op(['total_count', 'items.path', 'items.repository.full_name'], ['per_page']),
    'users/get-by-username': op(['login', 'name', 'company', 'public_repos']),
    'repos/list-tags': op(['name'], ['per_page', 'page']),
  },
};
