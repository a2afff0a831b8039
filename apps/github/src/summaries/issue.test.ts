import { describe, expect, it } from 'vitest';
import { summarizeDiscussion, trimText } from './issue.ts';

const comment = (login: string, at: string, body: string) => ({ user: { login }, created_at: at, body });

describe('summarizeDiscussion', () => {
  it('names participants once, author first, and keeps the newest comments trimmed', () => {
    const summary = summarizeDiscussion(
      {
        user: { login: 'ana' },
        created_at: '2026-01-01T00:00:00Z',
        updated_at: '2026-01-03T00:00:00Z',
        comments: 7,
      },
      [
        comment('bo', '2026-01-02T00:00:00Z', 'first'),
        comment('ana', '2026-01-04T00:00:00Z', 'x'.repeat(50)),
        comment('cy', '2026-01-05T00:00:00Z', 'latest\n\n\n\nword'),
      ],
      { keep: 2, maxChars: 10 },
    );
    expect(summary.participants).toEqual(['ana', 'bo', 'cy']);
    expect(summary.commentCount).toBe(7);
    expect(summary.lastActivity).toBe('2026-01-05T00:00:00Z');
    expect(summary.latestComments).toEqual([
      { author: 'ana', at: '2026-01-04T00:00:00Z', body: 'xxxxxxxxxx…' },
      { author: 'cy', at: '2026-01-05T00:00:00Z', body: 'latest\n\nwo…' },
    ]);
  });

  it('uses the issue dates without comments', () => {
    const summary = summarizeDiscussion(
      { user: null, created_at: '2026-01-01T00:00:00Z', updated_at: '2026-01-02T00:00:00Z', comments: 0 },
      [],
      { keep: 3, maxChars: 100 },
    );
    expect(summary).toEqual({
      commentCount: 0,
      participants: [],
      lastActivity: '2026-01-02T00:00:00Z',
      latestComments: [],
    });
  });

  it('trims only past the limit', () => {
    expect(trimText('  short  ', 10)).toBe('short');
  });
});
