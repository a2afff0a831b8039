import { normalizeNodes, sameMark } from './normalize.ts';
import { type AdfMark, type AdfNode, MARK_ORDER, PANEL_TYPES } from './types.ts';

/*
 * ADF -> compact Markdown (CommonMark + GFM tables and strikethrough), written so that fromMarkdown reads it back
 * to the same document (see normalize.ts for "the same"). Supported: paragraphs, headings, bullet and ordered
 * lists (nested, with their start number), code blocks with their language, block quotes, panels (as
 * `> [!INFO]` alerts), rules, tables with a header row, hard breaks, mentions (`[@Name](mention:<accountId>)`),
 * inline cards (`<url>`), and the marks strong, em, strike, code and link. Anything else is written as its text
 * (or a ‹placeholder›) and named in `unsupported`, never dropped silently.
 */

export interface MarkdownResult {
  readonly markdown: string;
  /** What could not be written faithfully, e.g. `media`, `mark:underline`; empty when the text is exact. */
  readonly unsupported: string[];
}

const SUPPORTED_MARKS = new Set<string>(MARK_ORDER);
const DELIMITER: Record<string, string> = { strike: '~~', strong: '**', em: '*' };

class Writer {
  readonly unsupported = new Set<string>();
  /** In a table cell a `|` ends the cell even inside a code span, unless escaped (GFM). */
  #inTable = false;

  blocks(nodes: readonly AdfNode[]): string {
    const parts: string[] = [];
    let previous: AdfNode | undefined;
    for (const node of nodes) {
      // Two lists in a row would read back as one: the second switches its bullet (or its number delimiter).
      const alternate =
        previous?.type === node.type && (node.type === 'bulletList' || node.type === 'orderedList');
      parts.push(this.block(node, alternate));
      previous = alternate ? undefined : node;
    }
    return parts.join('\n\n');
  }

  block(node: AdfNode, alternate = false): string {
    const content = node.content ?? [];
    switch (node.type) {
      case 'paragraph':
        return protectLineEdges(this.inline(content));
      case 'heading': {
        const level = Math.min(6, Math.max(1, Number(node.attrs?.level ?? 1)));
        return `${'#'.repeat(level)} ${protectLineEdges(this.inline(content)).replaceAll('#', '\\#')}`;
      }
      case 'bulletList':
        return content.map((item) => this.listItem(alternate ? '* ' : '- ', item)).join('\n');
      case 'orderedList': {
        const start = Number(node.attrs?.order ?? 1);
        const delimiter = alternate ? ')' : '.';
        return content.map((item, i) => this.listItem(`${start + i}${delimiter} `, item)).join('\n');
      }
      case 'codeBlock':
        return codeFence(content.map((t) => t.text ?? '').join(''), String(node.attrs?.language ?? ''));
      case 'blockquote':
        return quote(this.blocks(content));
      case 'panel': {
        const type = String(node.attrs?.panelType ?? 'info');
        if (!(PANEL_TYPES as readonly string[]).includes(type)) this.unsupported.add(`panel:${type}`);
        const body = this.blocks(content);
        return quote(`[!${type.toUpperCase()}]${body ? `\n${body}` : ''}`);
      }
      case 'rule':
        return '---';
      case 'table':
        return this.table(node);
      default:
        this.unsupported.add(node.type);
        return content.length > 0 ? this.blocks(content) : `‹${node.type}›`;
    }
  }

  listItem(marker: string, item: AdfNode): string {
    const children = item.content ?? [];
    let body = '';
    children.forEach((child, i) => {
      const text = this.block(child);
      const isList = child.type === 'bulletList' || child.type === 'orderedList';
      body += i === 0 ? text : `${isList && children[i - 1]?.type === 'paragraph' ? '\n' : '\n\n'}${text}`;
    });
    const pad = ' '.repeat(marker.length);
    return `${marker}${body.replaceAll('\n', `\n${pad}`).replace(/\n +(?=\n)/g, '\n')}`;
  }

  table(node: AdfNode): string {
    const rows = (node.content ?? []).map((row) => row.content ?? []);
    const header = rows[0] ?? [];
    const width = Math.max(...rows.map((r) => r.length), 1);
    if (!header.every((cell) => cell.type === 'tableHeader') || rows.some((r) => r.length !== width)) {
      this.unsupported.add('table:shape');
    }
    const cell = (c: AdfNode) => {
      const attrs = c.attrs ?? {};
      if (Object.keys(attrs).some((k) => !['colspan', 'rowspan', 'localId'].includes(k))) {
        this.unsupported.add('table:cell-attributes');
      }
      if (Number(attrs.colspan ?? 1) !== 1 || Number(attrs.rowspan ?? 1) !== 1)
        this.unsupported.add('table:merged');
      const blocks = c.content ?? [];
      if (blocks.length > 1 || blocks.some((b) => b.type !== 'paragraph'))
        this.unsupported.add('table:cell-blocks');
      this.#inTable = true;
      const text = blocks.map((b) => (b.type === 'paragraph' ? this.inline(b.content ?? []) : this.block(b)));
      this.#inTable = false;
      let joined = text.join(' ');
      if (joined.includes('\n')) {
        this.unsupported.add('table:line-break');
        joined = joined.replaceAll('\\\n', ' ').replaceAll('\n', ' ');
      }
      return protectLineEdges(joined);
    };
    const line = (cells: readonly AdfNode[]) => {
      const texts = cells.map(cell);
      while (texts.length < width) texts.push('');
      return `| ${texts.join(' | ')} |`;
    };
    const [first = [], ...rest] = rows;
    return [line(first), `|${' --- |'.repeat(width)}`, ...rest.map(line)].join('\n');
  }

  inline(nodes: readonly AdfNode[]): string {
    let out = '';
    const open: AdfMark[] = [];
    const close = (depth: number) => {
      while (open.length > depth) {
        const mark = open.pop() as AdfMark;
        out += mark.type === 'link' ? `](${linkDestination(mark.attrs)})` : (DELIMITER[mark.type] ?? '');
      }
    };
    let lineStart = true;
    for (const node of nodes) {
      if (node.type !== 'text') {
        close(0);
        out += this.atom(node);
        lineStart = node.type === 'hardBreak';
        continue;
      }
      const marks = (node.marks ?? []).filter((mark) => {
        if (SUPPORTED_MARKS.has(mark.type)) return true;
        this.unsupported.add(`mark:${mark.type}`);
        return false;
      });
      const code = marks.some((m) => m.type === 'code');
      const outer = marks.filter((m) => m.type !== 'code');
      let depth = 0;
      while (
        depth < open.length &&
        depth < outer.length &&
        sameMark(open[depth] as AdfMark, outer[depth] as AdfMark)
      )
        depth++;
      close(depth);
      for (const mark of outer.slice(depth)) {
        out += mark.type === 'link' ? '[' : (DELIMITER[mark.type] ?? '');
        open.push(mark);
      }
      const text = node.text ?? '';
      out += code ? codeSpan(text, this.#inTable) : escapeText(text, lineStart);
      lineStart = false;
    }
    close(0);
    return out;
  }

  atom(node: AdfNode): string {
    const attrs = node.attrs ?? {};
    switch (node.type) {
      case 'hardBreak':
        return '\\\n';
      case 'mention':
        return `[${escapeText(String(attrs.text ?? ''), false)}](mention:${String(attrs.id ?? '')})`;
      case 'inlineCard': {
        const url = String(attrs.url ?? '');
        if (/^[a-z][a-z0-9+.-]{1,31}:[^\s<>]*$/i.test(url)) return `<${url}>`;
        this.unsupported.add('inlineCard');
        return escapeText(url, false);
      }
      default: {
        this.unsupported.add(node.type);
        const text = attrs.text ?? attrs.shortName ?? node.text;
        return typeof text === 'string' ? escapeText(text, false) : `‹${node.type}›`;
      }
    }
  }
}

/** Markdown of an ADF document (or its block nodes), and what it could not write faithfully. */
export function adfToMarkdown(doc: { content?: readonly unknown[] } | readonly unknown[] | null | undefined) {
  const nodes = (
    Array.isArray(doc) ? doc : ((doc as { content?: unknown[] } | null)?.content ?? [])
  ) as AdfNode[];
  const writer = new Writer();
  const markdown = writer.blocks(normalizeNodes(nodes));
  return { markdown, unsupported: [...writer.unsupported].sort() } satisfies MarkdownResult;
}

/** Backslash-escape what CommonMark would read as syntax. */
function escapeText(text: string, lineStart: boolean): string {
  const out = text.replace(/[\\`*_[\]<>~|&]/g, '\\$&');
  return lineStart ? out.replace(/^([#+=-])/, '\\$1').replace(/^(\d+)([.)])/, '$1\\$2') : out;
}

/** Spaces that begin or end a line would be trimmed by the parser: keep them as character references. */
function protectLineEdges(line: string): string {
  return line
    .split('\n')
    .map((l) =>
      l
        .replace(/^ +/, (s) => '&#32;'.repeat(s.length))
        .replace(/(?<!\\) +$/, (s) => '&#32;'.repeat(s.length)),
    )
    .join('\n');
}

function longestRun(text: string, char: string): number {
  let longest = 0;
  for (const run of text.match(new RegExp(`${char === '`' ? '`' : '~'}+`, 'g')) ?? [])
    longest = Math.max(longest, run.length);
  return longest;
}

function codeSpan(raw: string, inTable: boolean): string {
  const text = inTable ? raw.replaceAll('|', '\\|') : raw;
  const fence = '`'.repeat(longestRun(text, '`') + 1);
  const pad = text.startsWith('`') || text.endsWith('`') || (/^ .*[^ ].* $/s.test(text) && text.length > 1);
  return pad ? `${fence} ${text} ${fence}` : `${fence}${text}${fence}`;
}

function codeFence(text: string, language: string): string {
  const fence = '`'.repeat(Math.max(3, longestRun(text, '`') + 1));
  return `${fence}${language}\n${text}${text === '' ? '' : '\n'}${fence}`;
}

function quote(text: string): string {
  return text
    .split('\n')
    .map((line) => (line ? `> ${line}` : '>'))
    .join('\n');
}

function linkDestination(attrs: Record<string, unknown> | undefined): string {
  const href = String(attrs?.href ?? '');
  const destination =
    /[\s<>]/.test(href) || href === ''
      ? `<${href.replace(/[<>\\]/g, '\\$&')}>`
      : href.replace(/[()\\]/g, '\\$&');
  const title = attrs?.title;
  return typeof title === 'string' && title
    ? `${destination} "${title.replace(/["\\]/g, '\\$&')}"`
    : destination;
}
