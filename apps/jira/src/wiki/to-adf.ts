import { normalizeNodes } from '../adf/normalize.ts';
import type { AdfDoc, AdfMark, AdfNode } from '../adf/types.ts';

/*
 * Jira wiki markup (Data Center / Server, REST v2) -> ADF, so the one ADF -> Markdown writer serves both
 * editions. It reads what from-adf.ts writes and what people type in Jira's wiki editor: headings (`h2.`),
 * paragraphs (a single newline is a line break), `*`/`#`/`-` lists (nested by repeating the bullet), {code} and
 * {noformat}, {quote} and `bq.`, the {info}/{note}/{tip}/{warning} panels, `----`, tables (`||` header cells),
 * `\\` breaks, `[~user]` mentions, `[text|url]` links, `[url]`, and the marks `*strong*`, `_em_`, `-strike-`,
 * `{{code}}` (plain at word edges, `{*}x{*}` anywhere). Markup it does not know (colours, images, other macros)
 * stays in the text as typed, so nothing is dropped silently.
 */

const SPECIAL = /[*_\-+^~{}[\]|!?#\\]/;
const MARKS: Record<string, string> = { '*': 'strong', _: 'em', '-': 'strike' };
const PANELS = new Set(['info', 'note', 'tip', 'warning']);
const isWord = (ch: string | undefined) => ch !== undefined && /[\p{L}\p{N}]/u.test(ch);
const isSpace = (ch: string | undefined) => ch === undefined || /\s/.test(ch);

export function wikiToAdf(wiki: string): AdfDoc {
  const lines = wiki.replace(/\r\n?/g, '\n').split('\n');
  return { type: 'doc', version: 1, content: normalizeNodes(blocks(lines)) };
}

const text = (value: string, marks: AdfMark[]): AdfNode =>
  marks.length > 0 ? { type: 'text', text: value, marks } : { type: 'text', text: value };

/** The lines of a macro's body up to its closing tag, and the index of the line after it. */
function macroBody(lines: string[], start: number, rest: string, close: string): [string, number] {
  let buffer = rest;
  let j = start + 1;
  while (!buffer.includes(close) && j < lines.length) buffer += `\n${lines[j++]}`;
  const end = buffer.indexOf(close);
  return [end === -1 ? buffer : buffer.slice(0, end), j];
}

function blocks(lines: string[]): AdfNode[] {
  const out: AdfNode[] = [];
  let paragraph: string[] = [];
  const flush = () => {
    if (paragraph.length > 0) out.push({ type: 'paragraph', content: inline(paragraph.join('\n')) });
    paragraph = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    const code = /^\s*\{(code|noformat)(?::([^}]*))?\}(.*)$/.exec(line);
    if (code) {
      flush();
      const [body, next] = macroBody(lines, i, code[3] ?? '', `{${code[1]}}`);
      const value = body.replace(/^\n/, '').replace(/\n$/, '');
      const params = code[2] ?? '';
      const language = params.includes('=') ? (/language=([^|]*)/.exec(params)?.[1] ?? '') : params;
      out.push({
        type: 'codeBlock',
        ...(code[1] === 'code' && language ? { attrs: { language } } : {}),
        ...(value ? { content: [{ type: 'text', text: value }] } : {}),
      });
      i = next - 1;
      continue;
    }
    const macro = /^\s*\{(quote|info|note|tip|warning)(?::[^}]*)?\}(.*)$/.exec(line);
    if (macro) {
      flush();
      const name = macro[1] as string;
      const [body, next] = macroBody(lines, i, macro[2] ?? '', `{${name}}`);
      const content = blocks(body.split('\n'));
      out.push(
        name === 'quote'
          ? { type: 'blockquote', content }
          : { type: 'panel', attrs: { panelType: PANELS.has(name) ? name : 'info' }, content },
      );
      i = next - 1;
      continue;
    }
    const heading = /^\s*h([1-6])\.\s?(.*)$/.exec(line);
    const quote = /^\s*bq\.\s?(.*)$/.exec(line);
    const list = /^\s*([*#]+|-)\s+(.*)$/.exec(line);
    if (heading || quote || list || /^\s*----\s*$/.test(line) || /^\s*\|/.test(line)) flush();
    if (heading)
      out.push({ type: 'heading', attrs: { level: Number(heading[1]) }, content: inline(heading[2] ?? '') });
    else if (quote)
      out.push({ type: 'blockquote', content: [{ type: 'paragraph', content: inline(quote[1] ?? '') }] });
    else if (/^\s*----\s*$/.test(line)) out.push({ type: 'rule' });
    else if (list) {
      const items: { bullets: string; text: string }[] = [];
      let j = i;
      for (let m: RegExpExecArray | null = list; m; m = /^\s*([*#]+|-)\s+(.*)$/.exec(lines[++j] ?? '')) {
        items.push({ bullets: m[1] === '-' ? '*' : (m[1] as string), text: m[2] ?? '' });
      }
      out.push(...listOf(items, 1));
      i = j - 1;
    } else if (/^\s*\|/.test(line)) {
      const rows: AdfNode[] = [];
      let j = i;
      while (j < lines.length && /^\s*\|/.test(lines[j] as string)) rows.push(row(lines[j++] as string));
      out.push({ type: 'table', content: rows });
      i = j - 1;
    } else if (line.trim() === '') flush();
    else paragraph.push(line);
  }
  flush();
  return out;
}

/** Items whose bullets are `depth` long or longer as lists: deeper items nest under the item before them. */
function listOf(items: { bullets: string; text: string }[], depth: number): AdfNode[] {
  const lists: AdfNode[] = [];
  let current: AdfNode | undefined;
  for (let i = 0; i < items.length; i++) {
    const item = items[i] as { bullets: string; text: string };
    const type = item.bullets[depth - 1] === '#' ? 'orderedList' : 'bulletList';
    if (item.bullets.length > depth && current?.content?.length) {
      let j = i;
      while (j < items.length && (items[j] as { bullets: string }).bullets.length > depth) j++;
      (current.content.at(-1) as AdfNode).content?.push(...listOf(items.slice(i, j), depth + 1));
      i = j - 1;
      continue;
    }
    if (!current || current.type !== type) {
      current = { type, content: [] };
      lists.push(current);
    }
    current.content?.push({ type: 'listItem', content: [{ type: 'paragraph', content: inline(item.text) }] });
  }
  return lists;
}

/** One table row: `||` opens a header cell, `|` a cell; a `|` inside a link, `{{code}}` or escaped is text. */
function row(line: string): AdfNode {
  const cells: { header: boolean; text: string }[] = [];
  let current: { header: boolean; text: string } | undefined;
  let depth = 0;
  let inCode = false;
  for (let i = line.indexOf('|'); i < line.length; ) {
    const ch = line[i] as string;
    if (ch === '\\' && i + 1 < line.length) {
      if (current) current.text += ch + line[i + 1];
      i += 2;
      continue;
    }
    if (line.startsWith(inCode ? '}}' : '{{', i)) {
      inCode = !inCode;
      if (current) current.text += line.slice(i, i + 2);
      i += 2;
      continue;
    }
    if (!inCode && ch === '[') depth++;
    if (!inCode && ch === ']') depth = Math.max(0, depth - 1);
    if (ch === '|' && !inCode && depth === 0) {
      if (current) cells.push(current);
      const header = line[i + 1] === '|';
      current = { header, text: '' };
      i += header ? 2 : 1;
      continue;
    }
    if (current) current.text += ch;
    i++;
  }
  if (current && current.text.trim() !== '') cells.push(current);
  return {
    type: 'tableRow',
    content: cells.map((cell) => ({
      type: cell.header ? 'tableHeader' : 'tableCell',
      content: [{ type: 'paragraph', content: inline(cell.text.trim()) }],
    })),
  };
}

/** Where the `]` closing the `[` at `start` is (escapes skipped), or -1. */
function closing(src: string, start: number): number {
  for (let i = start + 1; i < src.length; i++) {
    if (src[i] === '\\') i++;
    else if (src[i] === ']') return i;
    else if (src[i] === '\n') return -1;
  }
  return -1;
}

/** Whether a plain delimiter opened at `from` is closed later on its line (at a word edge). */
function closes(src: string, from: number, delimiter: string): boolean {
  for (let j = from; j < src.length && src[j] !== '\n'; j++) {
    if (src[j] === '\\') j++;
    else if (src[j] === delimiter && !isSpace(src[j - 1]) && !isWord(src[j + 1])) return true;
  }
  return false;
}

function unescapeWiki(value: string): string {
  return value
    .replace(/\\([^\\\p{L}\p{N}\s])/gu, '$1')
    .replaceAll('&#92;', '\\')
    .replaceAll('&amp;', '&');
}

function inline(src: string, base: AdfMark[] = []): AdfNode[] {
  const out: AdfNode[] = [];
  const active: string[] = [];
  let buffer = '';
  const marks = () => [...base, ...active.map((type) => ({ type }))];
  const emit = () => {
    if (buffer) out.push(text(buffer, marks()));
    buffer = '';
  };
  const toggle = (type: string) => {
    emit();
    const at = active.indexOf(type);
    if (at === -1) active.push(type);
    else active.splice(at, 1);
  };
  for (let i = 0; i < src.length; ) {
    const ch = src[i] as string;
    const next = src[i + 1];
    if (ch === '\\') {
      if (next === '\\') {
        emit();
        out.push({ type: 'hardBreak' });
        i += src[i + 2] === '\n' ? 3 : 2;
      } else if (next !== undefined && SPECIAL.test(next)) {
        buffer += next;
        i += 2;
      } else {
        buffer += ch;
        i++;
      }
      continue;
    }
    if (src.startsWith('&#92;', i) || src.startsWith('&amp;', i)) {
      buffer += src[i + 1] === '#' ? '\\' : '&';
      i += 5;
      continue;
    }
    if (ch === '\n') {
      emit();
      out.push({ type: 'hardBreak' });
      i++;
      continue;
    }
    if (src.startsWith('{{', i)) {
      const end = src.indexOf('}}', i + 2);
      if (end !== -1) {
        emit();
        out.push(text(unescapeWiki(src.slice(i + 2, end)), [...marks(), { type: 'code' }]));
        i = end + 2;
        continue;
      }
    }
    const brace = /^\{([*_-])\}/.exec(src.slice(i, i + 3));
    if (brace) {
      toggle(MARKS[brace[1] as string] as string);
      i += 3;
      continue;
    }
    if (ch === '[') {
      const end = closing(src, i);
      if (end !== -1) {
        const inner = src.slice(i + 1, end);
        const bar = lastBar(inner);
        if (inner.startsWith('~') && inner.length > 1) {
          emit();
          out.push({ type: 'mention', attrs: { id: inner.slice(1), text: `@${inner.slice(1)}` } });
          i = end + 1;
          continue;
        }
        if (bar !== -1) {
          emit();
          const href = inner.slice(bar + 1).trim();
          out.push(...inline(inner.slice(0, bar), [...marks(), { type: 'link', attrs: { href } }]));
          i = end + 1;
          continue;
        }
        if (/^(https?:\/\/|mailto:)\S+$/.test(inner)) {
          emit();
          out.push({ type: 'inlineCard', attrs: { url: inner } });
          i = end + 1;
          continue;
        }
      }
    }
    const type = MARKS[ch];
    if (type) {
      const open = active.includes(type);
      if (open && !isSpace(src[i - 1]) && !isWord(next)) {
        toggle(type);
        i++;
        continue;
      }
      if (!open && !isWord(src[i - 1]) && !isSpace(next) && closes(src, i + 1, ch)) {
        toggle(type);
        i++;
        continue;
      }
    }
    buffer += ch;
    i++;
  }
  emit();
  return out;
}

/** The last `|` of a link's inside that is not escaped (the text may hold escaped ones). */
function lastBar(inner: string): number {
  let at = -1;
  for (let i = 0; i < inner.length; i++) {
    if (inner[i] === '\\') i++;
    else if (inner[i] === '|') at = i;
  }
  return at;
}
