import type { Attachment, Comment, Issue, IssueLink, RemoteIssueLink } from 'jira.js/cloud';
import { adfToMarkdown } from './adf/to-markdown.ts';
import { projectOfKey, projectTarget } from './projects.ts';
import { fieldsOf } from './upstream/jira.ts';

/*
 * The shapes answers are made of: the fields people act on, from Jira's issue JSON. Text written by people
 * (summaries, descriptions, comments, names) is returned as-is here; the tools declare it untrusted so the kit
 * redacts and fences it.
 */

const MAX_TEXT = 4000;

export const clip = (text: string, max = MAX_TEXT) =>
  text.length > max ? `${text.slice(0, max)}… [cut]` : text;

export function issueRow(issue: Issue) {
  const f = fieldsOf(issue);
  return {
    key: issue.key ?? '',
    summary: f.summary ?? '',
    status: f.status?.name ?? '',
    type: f.issuetype?.name ?? '',
    ...(f.assignee?.displayName ? { assignee: f.assignee.displayName } : {}),
    ...(f.priority?.name ? { priority: f.priority.name } : {}),
    updated: f.updated ?? '',
  };
}

/** The project an issue is in, from its key and from its project field: both must be reachable. */
export function projectsOfIssue(issue: Issue): string[] {
  const fromKey = projectOfKey(issue.key ?? '');
  const fromField = fieldsOf(issue).project?.key?.toUpperCase();
  return [...new Set([fromKey, ...(fromField ? [fromField] : [])])];
}

/**
 * Acceptance criteria written in the description: the section under a heading that says so (down to the next
 * heading of the same or a higher level), or a paragraph starting "Acceptance criteria:" and what follows it.
 */
export function acceptanceCriteria(markdown: string): string | undefined {
  const lines = markdown.split('\n');
  const start = lines.findIndex(
    (l) => /^(#{1,6})\s+acceptance criteria\b/i.test(l) || /^\**acceptance criteria\**:?\**\s*$/i.test(l),
  );
  if (start === -1) return undefined;
  const level = /^(#{1,6})\s/.exec(lines[start] as string)?.[1]?.length ?? 7;
  let end = lines.length;
  for (let i = start + 1; i < lines.length; i++) {
    const heading = /^(#{1,6})\s/.exec(lines[i] as string);
    if (heading && (heading[1] as string).length <= level) {
      end = i;
      break;
    }
  }
  const body = lines
    .slice(start + 1, end)
    .join('\n')
    .trim();
  return body || undefined;
}

export function commentView(comment: Comment) {
  const { markdown, unsupported } = adfToMarkdown(comment.body);
  return {
    id: comment.id ?? '',
    author: comment.author?.displayName ?? 'unknown',
    created: comment.created instanceof Date ? comment.created.toISOString() : String(comment.created ?? ''),
    body: clip(markdown, 1500),
    ...(unsupported.length > 0 ? { unsupported } : {}),
  };
}

/**
 * Issue links, each only when the caller may reach the linked issue's project; the others are counted, never
 * named (their keys and summaries belong to projects outside the boundary).
 */
export function linkViews(links: readonly IssueLink[], mayAccess: (target: string) => boolean) {
  const shown: { relation: string; key: string; summary: string; status: string }[] = [];
  let hidden = 0;
  for (const link of links) {
    const outward = link.outwardIssue !== undefined;
    const other = link.outwardIssue ?? link.inwardIssue;
    const key = other?.key ?? '';
    if (!key || !mayAccess(projectTarget(projectOfKey(key)))) {
      hidden++;
      continue;
    }
    shown.push({
      relation: (outward ? link.type?.outward : link.type?.inward) ?? link.type?.name ?? 'links',
      key,
      summary: other?.fields?.summary ?? '',
      status: other?.fields?.status?.name ?? '',
    });
  }
  return { links: shown, hiddenLinks: hidden };
}

/** Remote links (pull requests, branches, commits, pages): their title and URL. */
export function remoteLinkViews(links: readonly RemoteIssueLink[]) {
  return links
    .filter((l) => l.object?.url)
    .map((l) => ({ title: l.object?.title ?? '', url: l.object?.url ?? '' }))
    .slice(0, 20);
}

const MAX_ATTACHMENTS = 20;

/**
 * Attachments as metadata only (name, type, size, id): their content is never fetched, so nothing of a file
 * reaches the model but its name. At most 20 are listed; the rest are counted.
 */
export function attachmentViews(attachments: readonly Attachment[]) {
  const listed = attachments.slice(0, MAX_ATTACHMENTS).map((a) => ({
    id: a.id ?? '',
    name: a.filename ?? '',
    type: a.mimeType ?? 'application/octet-stream',
    bytes: a.size ?? 0,
  }));
  return { attachments: listed, moreAttachments: Math.max(0, attachments.length - listed.length) };
}
