/*
 * Atlassian Document Format (ADF), the rich text of Jira Cloud (REST v3): a tree of nodes, each a `type` with
 * optional `attrs`, `content` (child nodes), `text` (text nodes) and `marks` (text formatting). jira.js types a
 * document only as `{ type: 'doc', version, content: Record<string, any>[] }`, so the nodes are typed here.
 */

export interface AdfMark {
  type: string;
  attrs?: Record<string, unknown>;
}

export interface AdfNode {
  type: string;
  attrs?: Record<string, unknown>;
  content?: AdfNode[];
  text?: string;
  marks?: AdfMark[];
}

export interface AdfDoc {
  [key: string]: unknown;
  type: 'doc';
  version: 1;
  content: AdfNode[];
}

/** Panel types Jira's editor offers, each written as a GitHub-style alert (`> [!INFO]`). */
export const PANEL_TYPES = ['info', 'note', 'tip', 'warning', 'error', 'success'] as const;

/** The marks Markdown can carry, in the order they nest when written (outermost first). */
export const MARK_ORDER = ['link', 'strike', 'strong', 'em', 'code'] as const;

export const isAdfDoc = (value: unknown): value is AdfDoc =>
  typeof value === 'object' &&
  value !== null &&
  (value as { type?: unknown }).type === 'doc' &&
  Array.isArray((value as { content?: unknown }).content);
