import { posix } from 'node:path';
import { type DocLink, resolveLink, scanLinks, takeDefinitions } from './links.ts';
import { removeComments, stripInline } from './plain-text.ts';
import { createSlugger } from './slug.ts';
import type { ParsedDoc, Section } from './types.ts';

const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})(.*)$/;
const ATX = /^ {0,3}(#{1,6})(?:[ \t]+(.*))?$/;
const SETEXT_UNDERLINE = /^ {0,3}(=+|-+)[ \t]*$/;
// Lines that cannot be the text of a setext heading: they belong to another block.
const NOT_PARAGRAPH = /^(?: {4,}|\t| {0,3}(?:[-*+]\s|\d{1,9}[.)]\s|>|<|\||#{1,6}(?:\s|$)|\[[^\]]+\]:))/;

interface Heading {
  line: number; // first line (0-based in the body)
  last: number; // last line: the underline of a setext heading
  level: number;
  text: string;
}

/** How each body line is seen: 0 text, 1 inside (or delimiting) a fenced code block, 2 inside an HTML comment. */
type LineKind = 0 | 1 | 2;

function classify(lines: readonly string[]): { kinds: Uint8Array; headings: Heading[] } {
  const kinds = new Uint8Array(lines.length);
  const headings: Heading[] = [];
  let fence = '';
  let inComment = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (fence) {
      kinds[i] = 1;
      const close = FENCE_OPEN.exec(line);
      if (close && close[1]![0] === fence[0] && close[1]!.length >= fence.length && close[2]!.trim() === '') {
        fence = '';
      }
      continue;
    }
    if (inComment) {
      kinds[i] = 2;
      if (line.includes('-->')) inComment = false;
      continue;
    }
    const open = FENCE_OPEN.exec(line);
    if (open && !(open[1]![0] === '`' && open[2]!.includes('`'))) {
      kinds[i] = 1;
      fence = open[1]!;
      continue;
    }
    const commentStart = line.lastIndexOf('<!--');
    if (commentStart >= 0 && !line.includes('-->', commentStart + 4) && /^\s*<!--/.test(line)) {
      kinds[i] = 2;
      inComment = true;
      continue;
    }
    const atx = ATX.exec(line);
    if (atx) {
      headings.push({ line: i, last: i, level: atx[1]!.length, text: atxText(atx[2] ?? '') });
      continue;
    }
    const underline = SETEXT_UNDERLINE.exec(line);
    if (underline && i > 0 && isParagraphStart(lines, kinds, headings, i - 1)) {
      headings.push({
        line: i - 1,
        last: i,
        level: underline[1]![0] === '=' ? 1 : 2,
        text: lines[i - 1]!.trim(),
      });
    }
  }
  return { kinds, headings };
}

/** An ATX heading's text: a closing run of '#' is decoration ("## Title ##"), unless it is all there is. */
function atxText(raw: string): string {
  const text = raw.trimEnd();
  let end = text.length;
  while (end > 0 && text[end - 1] === '#') end--;
  if (end === 0) return '';
  return end < text.length && (text[end - 1] === ' ' || text[end - 1] === '\t')
    ? text.slice(0, end).trimEnd()
    : text;
}

/** A one-line paragraph right above a setext underline: text, after a blank line, a heading or a block's end. */
function isParagraphStart(
  lines: readonly string[],
  kinds: Uint8Array,
  headings: Heading[],
  i: number,
): boolean {
  const line = lines[i]!;
  if (kinds[i] !== 0 || line.trim() === '' || NOT_PARAGRAPH.test(line)) return false;
  if (headings.length > 0 && headings[headings.length - 1]!.last >= i) return false;
  if (i === 0) return true;
  const previous = lines[i - 1]!;
  return previous.trim() === '' || kinds[i - 1] !== 0 || headings[headings.length - 1]?.last === i - 1;
}

/** First and last non-blank line of [from, to), or undefined when all are blank. */
function trimRange(lines: readonly string[], from: number, to: number): [number, number] | undefined {
  let a = from;
  let b = to - 1;
  while (a <= b && lines[a]!.trim() === '') a++;
  while (b >= a && lines[b]!.trim() === '') b--;
  return a <= b ? [a, b] : undefined;
}

function extractLinks(path: string, lines: readonly string[], kinds: Uint8Array): DocLink[] {
  const visible = lines.map((line, i) => ((kinds[i] as LineKind) === 0 ? line : ''));
  const defs = takeDefinitions(visible);
  const text = removeComments(visible.join('\n'));
  const links: DocLink[] = [];
  const seen = new Set<string>();
  scanLinks(text, defs, (linkText, dest) => {
    const resolved = resolveLink(path, dest);
    if (!resolved) return;
    const key = `${resolved.target}#${resolved.anchor ?? ''}#${linkText}`;
    if (seen.has(key)) return;
    seen.add(key);
    links.push({ ...resolved, text: linkText });
  });
  return links;
}

const fileTitle = (path: string): string => posix.basename(path).replace(/\.(md|markdown|txt)$/i, '');

/**
 * Splits Markdown (front matter already removed; `lineOffset` = the lines it took) into sections at ATX and
 * setext headings, ignoring '#' lines inside fenced code and HTML comments. Line numbers are those of the
 * original file. A document with no text at all still has one (empty) section, so its title can be found.
 */
export function parseMarkdown(
  path: string,
  body: string,
  meta: Record<string, unknown>,
  lineOffset: number,
): ParsedDoc {
  const lines = body.split(/\r\n|\r|\n/);
  const { kinds, headings } = classify(lines);
  const slug = createSlugger();
  const sections: Section[] = [];
  const stack: { level: number; heading: string }[] = [];

  const firstBodyLine = headings.length > 0 ? headings[0]!.line : lines.length;
  const preamble = trimRange(lines, 0, firstBodyLine);
  if (preamble) {
    sections.push({
      anchor: '',
      heading: '',
      level: 0,
      titlePath: [],
      text: lines.slice(preamble[0], preamble[1] + 1).join('\n'),
      startLine: lineOffset + preamble[0] + 1,
      endLine: lineOffset + preamble[1] + 1,
    });
  }
  headings.forEach((h, k) => {
    const heading = stripInline(h.text).replace(/\s+/g, ' ').trim();
    while (stack.length > 0 && stack[stack.length - 1]!.level >= h.level) stack.pop();
    stack.push({ level: h.level, heading });
    const next = k + 1 < headings.length ? headings[k + 1]!.line : lines.length;
    const range = trimRange(lines, h.last + 1, next);
    sections.push({
      anchor: slug(heading),
      heading,
      level: h.level,
      titlePath: stack.map((s) => s.heading),
      text: range ? lines.slice(range[0], range[1] + 1).join('\n') : '',
      startLine: lineOffset + h.line + 1,
      endLine: lineOffset + (range ? range[1] : h.last) + 1,
    });
  });
  if (sections.length === 0) {
    sections.push({
      anchor: '',
      heading: '',
      level: 0,
      titlePath: [],
      text: '',
      startLine: lineOffset + 1,
      endLine: lineOffset + 1,
    });
  }

  const metaTitle = typeof meta.title === 'string' ? meta.title.trim() : '';
  const firstHeading = sections.find((s) => s.level > 0)?.heading ?? '';
  return {
    path,
    title: metaTitle || firstHeading || fileTitle(path),
    meta,
    sections,
    links: extractLinks(path, lines, kinds),
  };
}

/** A plain text file: one preamble section holding all of it. */
export function parsePlainText(path: string, text: string): ParsedDoc {
  const lines = text.split(/\r\n|\r|\n/);
  const range = trimRange(lines, 0, lines.length);
  return {
    path,
    title: fileTitle(path),
    meta: {},
    sections: [
      {
        anchor: '',
        heading: '',
        level: 0,
        titlePath: [],
        text: range ? lines.slice(range[0], range[1] + 1).join('\n') : '',
        startLine: range ? range[0] + 1 : 1,
        endLine: range ? range[1] + 1 : 1,
      },
    ],
    links: [],
  };
}
