// Markdown to the text a reader sees, lightly: enough for headings, link texts and snippets to read cleanly
// (no '#', no link URLs, no emphasis markers), not a renderer.

// Every span is bounded ({0,n}) so that text with many unclosed markers costs linear, not quadratic, time:
// documents are read from folders anyone with commit rights can write to.
const CODE_SPAN = /(`+)([\s\S]{0,2000}?[^`])\1(?!`)/g;
const IMAGE = /!\[([^\]]{0,1000})\]\((?:[^()]|\([^()]{0,500}\)){0,2000}\)/g;
const INLINE_LINK = /\[((?:[^[\]]|\[[^[\]]{0,500}\]){0,1000})\]\((?:[^()]|\([^()]{0,500}\)){0,2000}\)/g;
const REFERENCE_LINK = /\[((?:[^[\]]|\[[^[\]]{0,500}\]){1,1000})\]\[[^\]]{0,1000}\]/g;
const HTML_TAG = /<\/?[A-Za-z][A-Za-z0-9-]{0,50}(?:\s[^<>]{0,1000})?\/?>/g;
const STRONG = /(\*\*|__)(?=\S)([\s\S]{0,500}?\S)\1(?![\p{L}\p{N}])/gu;
const EMPHASIS_STAR = /\*(?=[^\s*])([^*]{0,500}?[^\s*])\*/g;
const EMPHASIS_UNDERSCORE = /(^|[^\p{L}\p{N}_])_(?=[^\s_])([^_]{0,500}?[^\s_])_(?![\p{L}\p{N}_])/gu;
const STRIKE = /~~(?=\S)([\s\S]{0,500}?\S)~~/g;
const ESCAPE = /\\([!-/:-@[-`{-~])/g;

// Code spans and escaped characters must survive the markup rules untouched ("__dirname", "\\*"), yet links
// may contain code ("[`fs.open()`][]"): both are swapped for private-use placeholders while the rules run.
const CODE_OPEN = '\uE000';
const CODE_CLOSE = '\uE001';
const ESCAPED_BASE = 0xe100;
const CODE_PLACEHOLDER = /\uE000(\d+)\uE001/g;
const ESCAPED_PLACEHOLDER = /[\uE100-\uE17F]/g;

// Each rule runs only when its marker character is present: most lines of prose have none.
function stripMarkup(text: string): string {
  let out = text;
  if (out.includes('['))
    out = out.replace(IMAGE, '$1').replace(INLINE_LINK, '$1').replace(REFERENCE_LINK, '$1');
  if (out.includes('<')) out = out.replace(HTML_TAG, '');
  if (out.includes('*')) out = out.replace(STRONG, '$2').replace(EMPHASIS_STAR, '$1');
  if (out.includes('_')) out = out.replace(STRONG, '$2').replace(EMPHASIS_UNDERSCORE, '$1$2');
  if (out.includes('~')) out = out.replace(STRIKE, '$1');
  return out;
}

/** Inline Markdown to text: links and images to their text, code spans unquoted, emphasis and tags removed. */
export function stripInline(text: string): string {
  if (!/[`*_~[\]<\\!]/.test(text)) return text;
  const code: string[] = [];
  let out = text;
  if (out.includes('`')) {
    out = out.replace(CODE_SPAN, (_match, _fence, inner: string) => {
      code.push(inner.trim());
      return `${CODE_OPEN}${code.length - 1}${CODE_CLOSE}`;
    });
  }
  const escaped = out.includes('\\');
  if (escaped)
    out = out.replace(ESCAPE, (_match, c: string) => String.fromCharCode(ESCAPED_BASE + c.charCodeAt(0)));
  out = stripMarkup(out);
  if (escaped)
    out = out.replace(ESCAPED_PLACEHOLDER, (c) => String.fromCharCode(c.charCodeAt(0) - ESCAPED_BASE));
  return code.length > 0 ? out.replace(CODE_PLACEHOLDER, (_match, i: string) => code[Number(i)]!) : out;
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const REFERENCE_DEFINITION = /^ {0,3}\[[^\]]+\]:\s/;
const RULE = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
/** Tested on the trimmed line: no two whitespace runs may meet, or a long one costs quadratic time. */
const TABLE_DELIMITER = /^\|?\s*:?-{2,}:?(?:\s*\|\s*:?-{2,}:?)*\s*\|?$/;
/** A line starting with a letter is neither a definition, a rule, a table delimiter nor a block marker. */
const MAY_BE_MARKUP = /^\s*[^\p{L}\s]/u;
const BLOCK_PREFIX = /^\s*(?:#{1,6}\s+|(?:>\s?)+|[-*+]\s+(?:\[[ xX]\]\s+)?|\d{1,9}[.)]\s+)/;

/** HTML comments replaced by a space; an unclosed one runs to the end. Linear, unlike a lazy regex. */
export function removeComments(text: string): string {
  let at = text.indexOf('<!--');
  if (at < 0) return text;
  let out = '';
  let last = 0;
  while (at >= 0) {
    const end = text.indexOf('-->', at + 4);
    out += `${text.slice(last, at)} `;
    if (end < 0) return out;
    last = end + 3;
    at = text.indexOf('<!--', last);
  }
  return out + text.slice(last);
}

/** The fence a line opens or closes, if it is a fence line. */
function fenceOf(line: string): string | undefined {
  return FENCE.exec(line)?.[1];
}

/**
 * Markdown block text to one line of plain text: code kept, markup dropped, whitespace collapsed. With `from`
 * (a line start) and `to`, only those lines are converted; the lines before are read just for code fences.
 */
export function toPlainText(markdown: string, from = 0, to = markdown.length): string {
  let fence = '';
  let pos = 0;
  while (pos < from) {
    const end = markdown.indexOf('\n', pos);
    if (end < 0 || end >= from) break;
    let k = pos;
    while (k < end && k < pos + 3 && markdown.charCodeAt(k) === 32) k++;
    const c = markdown[k];
    if (c === '`' || c === '~') fence = nextFence(fence, markdown.slice(pos, end)) ?? fence;
    pos = end + 1;
  }
  const lines = removeComments(markdown.slice(pos, to)).split('\n');
  const out: string[] = [];
  for (const line of lines) {
    const next = nextFence(fence, line);
    if (next !== undefined) {
      fence = next;
      continue;
    }
    if (fence) {
      out.push(line);
      continue;
    }
    let text = line;
    if (MAY_BE_MARKUP.test(line)) {
      if (REFERENCE_DEFINITION.test(line) || RULE.test(line) || TABLE_DELIMITER.test(line.trim())) continue;
      text = line.replace(BLOCK_PREFIX, '');
    }
    if (text.includes('|')) text = text.replace(/(^|[^\\])\|/g, '$1 ');
    out.push(stripInline(text));
  }
  return out.join(' ').replace(/\s+/g, ' ').trim();
}

/** The fence state after `line` when it opens or closes a fence (undefined when it does neither). */
function nextFence(fence: string, line: string): string | undefined {
  const f = fenceOf(line);
  if (!f) return undefined;
  if (!fence) return f;
  return f[0] === fence[0] && f.length >= fence.length && line.trim() === f ? '' : undefined;
}
