/** A discussion in a few fields: who took part, how much was said, when, and the latest words (trimmed). */

export interface CommentLike {
  readonly user: { readonly login: string } | null;
  readonly created_at: string;
  readonly updated_at?: string;
  readonly body?: string | undefined;
}

export function trimText(text: string, maxChars: number): string {
  const clean = text
    .replace(/\r\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return clean.length <= maxChars ? clean : `${clean.slice(0, maxChars).trimEnd()}…`;
}

export function summarizeDiscussion(
  issue: { user: { login: string } | null; created_at: string; updated_at: string; comments: number },
  latest: readonly CommentLike[],
  options: { keep: number; maxChars: number },
) {
  const participants = [issue.user?.login, ...latest.map((c) => c.user?.login)].filter(
    (login, i, all): login is string => typeof login === 'string' && all.indexOf(login) === i,
  );
  const newest = [...latest].sort((a, b) => a.created_at.localeCompare(b.created_at)).slice(-options.keep);
  const lastComment = newest.at(-1)?.created_at;
  const lastActivity = [issue.updated_at, lastComment].filter(Boolean).sort().at(-1) ?? issue.created_at;
  return {
    commentCount: issue.comments,
    participants,
    lastActivity,
    latestComments: newest.map((c) => ({
      author: c.user?.login ?? 'ghost',
      at: c.created_at,
      body: trimText(c.body ?? '', options.maxChars),
    })),
  };
}
