/** What a reviewer needs before opening a diff: where it changes things, how big, what is risky, CI and reviews. */

export interface ChangedFile {
  readonly filename: string;
  readonly status: string;
  readonly additions: number;
  readonly deletions: number;
}

export type RiskMarker = 'migrations' | 'auth' | 'config' | 'dependencies' | 'lockfiles' | 'ci' | 'secrets';

const RISKS: readonly [RiskMarker, RegExp][] = [
  ['migrations', /(^|\/)(migrations?|migrate|db\/schema|alembic|flyway|liquibase)(\/|\.|$)|\.sql$/i],
  [
    'auth',
    /(^|[/_.-])(auth(?:n|z|entication|enticate|orization|orize|orizer)?|login|logout|session|sessions|oauth2?|jwt|saml|sso|permissions?|rbac|acl|password\w*|crypto)([/_.-]|$)/i,
  ],
  ['secrets', /(^|\/)\.env(\.|$)|(^|[/_.-])(secrets?|credentials?)([/_.-]|$)|\.(pem|key|p12|pfx)$/i],
  [
    'lockfiles',
    /(^|\/)(package-lock\.json|pnpm-lock\.yaml|yarn\.lock|npm-shrinkwrap\.json|go\.sum|Cargo\.lock|Gemfile\.lock|poetry\.lock|composer\.lock|Pipfile\.lock|uv\.lock|mix\.lock)$/,
  ],
  [
    'dependencies',
    /(^|\/)(package\.json|go\.mod|Cargo\.toml|Gemfile|requirements[\w.-]*\.txt|pyproject\.toml|Pipfile|pom\.xml|build\.gradle(\.kts)?|composer\.json|mix\.exs)$/,
  ],
  ['ci', /^\.github\/(workflows|actions)\/|(^|\/)(\.gitlab-ci\.yml|Jenkinsfile|\.circleci\/)/],
  [
    'config',
    /\.(ya?ml|toml|ini|conf|cfg|properties|tf|tfvars|hcl)$|(^|\/)(config|configs|settings|helm|charts|k8s|deploy|terraform)\/|(^|\/)Dockerfile|(^|\/)docker-compose/i,
  ],
];

/** The risk markers a path carries (a lockfile is not also "config"; a workflow is "ci", not "config"). */
export function riskMarkersOf(path: string): RiskMarker[] {
  const found: RiskMarker[] = [];
  for (const [marker, pattern] of RISKS) {
    if (!pattern.test(path)) continue;
    if (marker === 'config' && (found.includes('lockfiles') || found.includes('ci'))) continue;
    found.push(marker);
  }
  return found;
}

/** The area of a path: its top-level directory, or `(root)` for files at the top. */
export function areaOf(path: string): string {
  const slash = path.indexOf('/');
  return slash === -1 ? '(root)' : path.slice(0, slash);
}

export function sizeLabel(lines: number): 'XS' | 'S' | 'M' | 'L' | 'XL' {
  if (lines < 10) return 'XS';
  if (lines < 100) return 'S';
  if (lines < 500) return 'M';
  if (lines < 1000) return 'L';
  return 'XL';
}

export interface Area {
  area: string;
  files: number;
  additions: number;
  deletions: number;
}

export function groupByArea(files: readonly ChangedFile[]): Area[] {
  const areas = new Map<string, Area>();
  for (const f of files) {
    const name = areaOf(f.filename);
    const a = areas.get(name) ?? { area: name, files: 0, additions: 0, deletions: 0 };
    a.files++;
    a.additions += f.additions;
    a.deletions += f.deletions;
    areas.set(name, a);
  }
  return [...areas.values()].sort((x, y) => y.additions + y.deletions - (x.additions + x.deletions));
}

export function risksOf(
  files: readonly ChangedFile[],
  maxFilesEach = 5,
): { marker: RiskMarker; files: string[] }[] {
  const byMarker = new Map<RiskMarker, string[]>();
  for (const f of files) {
    for (const marker of riskMarkersOf(f.filename))
      byMarker.set(marker, [...(byMarker.get(marker) ?? []), f.filename]);
  }
  return [...byMarker.entries()].map(([marker, paths]) => ({ marker, files: paths.slice(0, maxFilesEach) }));
}

export interface CheckRunLike {
  readonly name: string;
  readonly status: string;
  readonly conclusion: string | null;
}

export function checksSummary(runs: readonly CheckRunLike[]) {
  const failing = runs.filter((r) =>
    ['failure', 'timed_out', 'cancelled', 'action_required', 'startup_failure'].includes(r.conclusion ?? ''),
  );
  const pending = runs.filter((r) => r.status !== 'completed');
  const state =
    runs.length === 0 ? 'none' : failing.length > 0 ? 'failing' : pending.length > 0 ? 'pending' : 'passing';
  return { state, total: runs.length, failed: failing.map((r) => r.name), pending: pending.length };
}

export interface ReviewLike {
  readonly user: { readonly login: string } | null;
  readonly state: string;
  readonly submitted_at?: string | undefined;
}

/** Each reviewer's latest decisive review (comments do not change a decision), as GitHub counts them. */
export function reviewSummary(reviews: readonly ReviewLike[], requested: readonly string[]) {
  const latest = new Map<string, string>();
  for (const r of reviews) {
    const login = r.user?.login;
    if (!login) continue;
    if (r.state === 'APPROVED' || r.state === 'CHANGES_REQUESTED' || r.state === 'DISMISSED')
      latest.set(login, r.state);
    else if (!latest.has(login) && r.state === 'COMMENTED') latest.set(login, r.state);
  }
  const by = (state: string) => [...latest].filter(([, s]) => s === state).map(([login]) => login);
  const approvedBy = by('APPROVED');
  const changesRequestedBy = by('CHANGES_REQUESTED');
  const state =
    changesRequestedBy.length > 0
      ? 'changes_requested'
      : approvedBy.length > 0
        ? 'approved'
        : requested.length > 0 || latest.size > 0
          ? 'review_required'
          : 'no_reviews';
  return {
    state,
    approvedBy,
    changesRequestedBy,
    commentedBy: by('COMMENTED'),
    requested: [...requested],
  };
}
