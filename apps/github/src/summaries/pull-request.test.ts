import { describe, expect, it } from 'vitest';
import {
  areaOf,
  checksSummary,
  groupByArea,
  reviewSummary,
  riskMarkersOf,
  risksOf,
  sizeLabel,
} from './pull-request.ts';

const file = (filename: string, additions = 1, deletions = 0) => ({
  filename,
  status: 'modified',
  additions,
  deletions,
});

describe('risk markers', () => {
  it.each([
    ['db/migrations/20261101_add_invoices.sql', ['migrations']],
    ['src/auth/session.ts', ['auth']],
    ['services/api/oauth_callback.go', ['auth']],
    ['pnpm-lock.yaml', ['lockfiles']],
    ['package.json', ['dependencies']],
    ['backend/go.mod', ['dependencies']],
    ['.github/workflows/ci.yml', ['ci']],
    ['deploy/helm/values.yaml', ['config']],
    ['Dockerfile', ['config']],
    ['.env.production', ['secrets']],
    ['src/invoices/total.ts', []],
    ['docs/authoring.md', []],
  ])('%s -> %j', (path, markers) => {
    expect(riskMarkersOf(path)).toEqual(markers);
  });

  it('lists each marker once with its files', () => {
    const risks = risksOf([file('db/migrations/1.sql'), file('db/migrations/2.sql'), file('src/a.ts')]);
    expect(risks).toEqual([{ marker: 'migrations', files: ['db/migrations/1.sql', 'db/migrations/2.sql'] }]);
  });
});

describe('areas and size', () => {
  it('groups by top-level directory, biggest first', () => {
    expect(areaOf('README.md')).toBe('(root)');
    expect(
      groupByArea([
        file('api/a.ts', 10, 2),
        file('web/b.tsx', 100, 50),
        file('api/c.ts', 1, 1),
        file('README.md'),
      ]),
    ).toEqual([
      { area: 'web', files: 1, additions: 100, deletions: 50 },
      { area: 'api', files: 2, additions: 11, deletions: 3 },
      { area: '(root)', files: 1, additions: 1, deletions: 0 },
    ]);
  });

  it('labels sizes by changed lines', () => {
    expect([5, 50, 300, 800, 5000].map(sizeLabel)).toEqual(['XS', 'S', 'M', 'L', 'XL']);
  });
});

describe('checks and reviews', () => {
  it('says failing when any check failed, pending while any runs, none without checks', () => {
    expect(checksSummary([])).toMatchObject({ state: 'none' });
    expect(
      checksSummary([
        { name: 'lint', status: 'completed', conclusion: 'success' },
        { name: 'test', status: 'completed', conclusion: 'failure' },
        { name: 'e2e', status: 'in_progress', conclusion: null },
      ]),
    ).toEqual({ state: 'failing', total: 3, failed: ['test'], pending: 1 });
    expect(checksSummary([{ name: 'e2e', status: 'queued', conclusion: null }]).state).toBe('pending');
  });

  it("counts each reviewer's latest decision; a later comment does not undo an approval", () => {
    const summary = reviewSummary(
      [
        { user: { login: 'ana' }, state: 'CHANGES_REQUESTED' },
        { user: { login: 'ana' }, state: 'APPROVED' },
        { user: { login: 'ana' }, state: 'COMMENTED' },
        { user: { login: 'bo' }, state: 'COMMENTED' },
      ],
      ['cy'],
    );
    expect(summary).toEqual({
      state: 'approved',
      approvedBy: ['ana'],
      changesRequestedBy: [],
      commentedBy: ['bo'],
      requested: ['cy'],
    });
    expect(reviewSummary([{ user: { login: 'bo' }, state: 'CHANGES_REQUESTED' }], []).state).toBe(
      'changes_requested',
    );
    expect(reviewSummary([], []).state).toBe('no_reviews');
  });
});
