import { type AdfMark, type AdfNode, MARK_ORDER } from './types.ts';

/*
 * The canonical form of an ADF tree: what "the same document" means for a round trip. Jira's editor writes one
 * document several ways (marks in any order, a text run split in two, editor ids, default attributes); none of
 * those differences is content, so both sides of a comparison, and the Markdown writer's input, are brought to
 * this form first. Everything else (text, marks and their attributes, node types and attributes) is kept.
 */

/** Attributes that identify an editor's node, not its content. */
const EDITOR_ATTRS = new Set(['localId']);

/** Attributes whose default is the same as their absence. */
const DEFAULTS: Record<string, Record<string, unknown>> = {
  orderedList: { order: 1 },
  codeBlock: { language: '' },
  table: { isNumberColumnEnabled: false, layout: 'default', displayMode: 'default', width: 760 },
  tableCell: { colspan: 1, rowspan: 1 },
  tableHeader: { colspan: 1, rowspan: 1 },
  mention: { accessLevel: '' },
};

/** Marks Markdown cannot put on a space at their edge (`** a**` is not bold): the spaces move outside them. */
const EMPHASIS = new Set(['strong', 'em', 'strike']);

/** A text node as pieces whose emphasis does not start or end with a space (same text, same look). */
function splitEdges(node: AdfNode): AdfNode[] {
  const text = node.text ?? '';
  const marks = node.marks ?? [];
  if (!marks.some((m) => EMPHASIS.has(m.type)) || marks.some((m) => m.type === 'code')) return [node];
  const match = /^(\s*)([\s\S]*?)(\s*)$/.exec(text) as RegExpExecArray;
  const [, lead = '', core = '', trail = ''] = match;
  if (!lead && !trail) return [node];
  const plain = marks.filter((m) => !EMPHASIS.has(m.type));
  const space = (value: string): AdfNode[] =>
    value
      ? [plain.length > 0 ? { type: 'text', text: value, marks: plain } : { type: 'text', text: value }]
      : [];
  return [...space(lead), ...(core ? [{ ...node, text: core }] : []), ...space(trail)];
}

const rank = (mark: AdfMark) => {
  const at = (MARK_ORDER as readonly string[]).indexOf(mark.type);
  return at === -1 ? MARK_ORDER.length : at;
};

export const sameMark = (a: AdfMark, b: AdfMark) =>
  a.type === b.type && JSON.stringify(a.attrs ?? {}) === JSON.stringify(b.attrs ?? {});

const sameMarks = (a: readonly AdfMark[] = [], b: readonly AdfMark[] = []) =>
  a.length === b.length && a.every((mark, i) => sameMark(mark, b[i] as AdfMark));

function cleanAttrs(type: string, attrs: Record<string, unknown> | undefined) {
  if (attrs === undefined) return undefined;
  const defaults = DEFAULTS[type] ?? {};
  const kept = Object.entries(attrs).filter(
    ([key, value]) =>
      value !== undefined && value !== null && !EDITOR_ATTRS.has(key) && defaults[key] !== value,
  );
  return kept.length === 0 ? undefined : Object.fromEntries(kept.sort(([a], [b]) => a.localeCompare(b)));
}

function cleanMarks(marks: readonly AdfMark[] | undefined): AdfMark[] | undefined {
  if (!marks || marks.length === 0) return undefined;
  return marks
    .map((mark) => {
      const attrs = cleanAttrs(mark.type, mark.attrs);
      return attrs ? { type: mark.type, attrs } : { type: mark.type };
    })
    .sort((a, b) => rank(a) - rank(b) || a.type.localeCompare(b.type));
}

/** The canonical form of `nodes` (a new tree; the input is not changed). */
export function normalizeNodes(nodes: readonly AdfNode[], parent = 'doc'): AdfNode[] {
  const out: AdfNode[] = [];
  for (const node of nodes.flatMap((n) => (n.type === 'text' ? splitEdges(n) : [n]))) {
    if (node.type === 'text') {
      if (!node.text) continue;
      const marks = cleanMarks(node.marks);
      const last = out.at(-1);
      if (last?.type === 'text' && sameMarks(last.marks, marks)) {
        last.text = `${last.text ?? ''}${node.text}`;
        continue;
      }
      out.push(marks ? { type: 'text', text: node.text, marks } : { type: 'text', text: node.text });
      continue;
    }
    // An empty paragraph is a blank line in the editor; Markdown has no such thing, and it carries no content.
    // A table cell keeps its one (possibly empty) paragraph: ADF requires a block there.
    const inCell = parent === 'tableCell' || parent === 'tableHeader';
    if (node.type === 'paragraph' && !inCell && (node.content ?? []).length === 0) continue;
    const copy: AdfNode = { type: node.type };
    const attrs = cleanAttrs(node.type, node.attrs);
    if (attrs) copy.attrs = attrs;
    if (node.text !== undefined) copy.text = node.text;
    const marks = cleanMarks(node.marks);
    if (marks) copy.marks = marks;
    if (node.content) {
      const content = normalizeNodes(node.content, node.type);
      if (content.length > 0) copy.content = content;
    }
    out.push(copy);
  }
  return out;
}
