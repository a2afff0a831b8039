import { normalizeNodes } from '../adf/normalize.ts';
import type { AdfDoc, AdfNode } from '../adf/types.ts';

/*
 * ADF -> Jira wiki markup, the rich text of Jira Data Center / Server (REST v2), written so that wikiToAdf reads
 * it back to the same document. Writes go Markdown -> ADF (from-markdown.ts) -> wiki, so one Markdown dialect
 * serves both editions. Supported: paragraphs, headings, bullet and numbered lists (nested, one paragraph and
 * sub-lists per item), {code} blocks with their language, {quote}, the {info}/{note}/{tip}/{warning} panels,
 * rules, tables, hard breaks (`\\`), mentions (`[~username]`), bare links (`[url]`) and the marks strong, em,
 * strike, code and link. What wiki markup cannot hold is named in `unsupported` (the write tools refuse it).
 */

export interface WikiResult {
  readonly wiki: string;
  readonly unsupported: string[];
}

/** Characters wiki markup reads as syntax somewhere: escaped everywhere in text, which costs nothing. */
const SPECIAL = /[*_\-+^~{}[\]|!?#\\]/;
const WIKI_PANELS: Record<string, string> = { info: 'info', note: 'note', tip: 'tip', warning: 'warning' };
const DELIMITERS: Record<string, string> = { strong: '*', em: '_', strike: '-' };

const isWord = (ch: string | undefined) => ch !== undefined && /[\p{L}\p{N}]/u.test(ch);

class Writer {
  readonly unsupported = new Set<string>();

  blocks(nodes: readonly AdfNode[]): string {
    return nodes.map((node) => this.block(node)).join('\n\n');
  }

  block(node: AdfNode): string {
    const content = node.content ?? [];
    switch (node.type) {
      case 'paragraph':
        return protectLineStart(this.inline(content));
      case 'heading':
        return `h${Math.min(6, Math.max(1, Number(node.attrs?.level ?? 1)))}. ${this.inline(content)}`;
      case 'bulletList':
      case 'orderedList':
        return this.list(node, '');
      case 'codeBlock': {
        const text = content.map((t) => t.text ?? '').join('');
        // Nothing inside {code} is markup, and nothing escapes its end.
        if (text.includes('{code')) this.unsupported.add('codeBlock:{code}');
        const language = String(node.attrs?.language ?? '');
        return `{code${language ? `:${language}` : ''}}\n${text}\n{code}`;
      }
      case 'blockquote':
        return `{quote}\n${this.blocks(content)}\n{quote}`;
      case 'panel': {
        const type = String(node.attrs?.panelType ?? 'info');
        const macro = WIKI_PANELS[type] ?? (type === 'success' ? 'tip' : 'warning');
        if (!WIKI_PANELS[type]) this.unsupported.add(`panel:${type}`);
        return `{${macro}}\n${this.blocks(content)}\n{${macro}}`;
      }
      case 'rule':
        return '----';
      case 'table':
        return content.map((row) => this.row(row)).join('\n');
      default:
        this.unsupported.add(node.type);
        return protectLineStart(escapeWiki(textOf(node)));
    }
  }

  list(node: AdfNode, prefix: string): string {
    const bullet = `${prefix}${node.type === 'orderedList' ? '#' : '*'}`;
    if (node.type === 'orderedList' && Number(node.attrs?.order ?? 1) !== 1)
      this.unsupported.add('orderedList:start');
    const lines: string[] = [];
    for (const item of node.content ?? []) {
      const [first, ...rest] = item.content ?? [];
      const head = first?.type === 'paragraph' ? this.inline(first.content ?? []) : '';
      lines.push(`${bullet} ${head}`);
      for (const child of first?.type === 'paragraph' ? rest : (item.content ?? [])) {
        if (child.type === 'bulletList' || child.type === 'orderedList') lines.push(this.list(child, bullet));
        else {
          // A wiki list item is one line: a second paragraph or a code block ends the list.
          this.unsupported.add(`listItem:${child.type}`);
          lines.push(`${bullet} ${escapeWiki(textOf(child))}`);
        }
      }
    }
    return lines.join('\n');
  }

  row(row: AdfNode): string {
    const cells = (row.content ?? []).map((cell) => {
      const separator = cell.type === 'tableHeader' ? '||' : '|';
      if (Number(cell.attrs?.colspan ?? 1) !== 1 || Number(cell.attrs?.rowspan ?? 1) !== 1)
        this.unsupported.add('table:merged');
      const blocks = cell.content ?? [];
      if (blocks.length > 1 || blocks.some((b) => b.type !== 'paragraph'))
        this.unsupported.add('table:blocks');
      const text = blocks.map((b) => this.inline(b.content ?? [])).join('\\\\');
      return { separator, text: text || ' ' };
    });
    const last = cells.at(-1)?.separator ?? '|';
    return `${cells.map((c) => `${c.separator}${c.text}`).join('')}${last}`;
  }

  inline(nodes: readonly AdfNode[]): string {
    const normal = normalizeNodes(nodes, 'paragraph');
    return normal.map((node, i) => this.span(node, normal[i - 1], normal[i + 1])).join('');
  }

  span(node: AdfNode, before: AdfNode | undefined, after: AdfNode | undefined): string {
    switch (node.type) {
      case 'text':
        return this.marked(node, before, after);
      case 'hardBreak':
        // On the same line: a line break followed by `h1.` or `* ` must not start a heading or a list.
        return '\\\\';
      case 'mention':
        return `[~${String(node.attrs?.id ?? '')}]`;
      case 'inlineCard':
        return `[${String(node.attrs?.url ?? '')}]`;
      default:
        this.unsupported.add(node.type);
        return escapeWiki(textOf(node));
    }
  }

  /** A text run with its marks; each run is closed before the next, so marks never interleave. */
  marked(node: AdfNode, before: AdfNode | undefined, after: AdfNode | undefined): string {
    let text = escapeWiki(node.text ?? '');
    const marks = node.marks ?? [];
    for (const mark of marks)
      if (!['link', 'code', ...Object.keys(DELIMITERS)].includes(mark.type))
        this.unsupported.add(`mark:${mark.type}`);
    if (marks.some((m) => m.type === 'code')) text = `{{${text}}}`;
    // The plain form (`*x*`) is read as a mark only at word edges; the brace form (`{*}x{*}`) anywhere.
    const raw = node.text ?? '';
    const plain =
      edge(before, (t) => t.at(-1)) && edge(after, (t) => t[0]) && !/^\s|\s$/.test(raw) && raw !== '';
    for (const type of ['em', 'strong', 'strike']) {
      if (!marks.some((m) => m.type === type)) continue;
      const d = DELIMITERS[type] as string;
      text = plain ? `${d}${text}${d}` : `{${d}}${text}{${d}}`;
    }
    const link = marks.find((m) => m.type === 'link');
    if (link) {
      if (link.attrs?.title) this.unsupported.add('link:title');
      text = `[${text}|${String(link.attrs?.href ?? '')}]`;
    }
    return text;
  }
}

/** Whether a plain delimiter may stand next to `node`: nothing, a break, or unmarked text not a letter there. */
function edge(node: AdfNode | undefined, char: (text: string) => string | undefined): boolean {
  if (node === undefined || node.type === 'hardBreak') return true;
  return node.type === 'text' && (node.marks ?? []).length === 0 && !isWord(char(node.text ?? ''));
}

/**
 * Text with every character wiki markup could read as syntax escaped. A backslash stays one unless what follows
 * would make it an escape or a line break (`\\`); then, like an `&` that would start one of those two entities,
 * it is written as an entity.
 */
function escapeWiki(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    const next = text[i + 1];
    if (ch === '\\') out += next === undefined || SPECIAL.test(next) ? '&#92;' : '\\';
    else if (ch === '&' && /^&(amp|#92);/.test(text.slice(i))) out += '&amp;';
    else out += SPECIAL.test(ch) ? `\\${ch}` : ch;
  }
  return out;
}

/** A paragraph whose text starts like a block (`h1.`, `bq.`) keeps reading as text. */
const protectLineStart = (line: string) => line.replace(/^(h[1-6]|bq)\./, '$1\\.');

function textOf(node: AdfNode): string {
  if (node.type === 'text') return node.text ?? '';
  return (node.content ?? []).map(textOf).join(' ');
}

/** A document as wiki markup, and what wiki markup could not hold. */
export function adfToWiki(doc: Pick<AdfDoc, 'content'>): WikiResult {
  const writer = new Writer();
  const wiki = writer.blocks(normalizeNodes(doc.content));
  return { wiki, unsupported: [...writer.unsupported].sort() };
}
