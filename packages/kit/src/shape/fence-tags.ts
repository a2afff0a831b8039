/**
 * Finding spellings of the fence's own tags (`<untrusted-data`, `</untrusted-data`) inside third-party text, so
 * they can be neutralised. A reader (a model) takes many spellings for the tag: any case, fullwidth or
 * mathematical letters, small capitals, Cyrillic or Greek look-alikes, accents, ligatures, other bracket shapes
 * (`＜`, `〈`, `⟨`, `‹`, `[`), slashes, spaces or punctuation between the parts and even between the letters. Each character is folded (compatibility
 * decomposition, lower case, accents removed, then the look-alike letters of the tag word mapped to ASCII)
 * before it is compared, and only characters reached from a bracket are folded at all.
 *
 * Linear time: a bracket starts a scan that ends at the next bracket or at the first character that cannot
 * continue the tag, so no character is scanned more than twice.
 */

/**
 * Brackets shaped like `<`: before the tag's word they open a tag, with or without a slash. Other opening
 * brackets (`[`, `(`, `{`, `【`, …: every opening punctuation mark) count only before a slash
 * (`[/untrusted-data]`): `(untrusted_data)` in code is not a tag, and an opening tag with them could not close
 * the fence anyway.
 */
const ANGLES =
  '<\u00AB\u02C2\u1438\u2039\u227A\u22B2\u22D6\u2329\u27E8\u27EA\u276C\u276E\u2770\u2991\u29FC\u300A\u3008\uFE64\uFF1C';
const OPENING = /\p{Ps}/u;
/** Opening punctuation that is a quotation mark, not a bracket: „untrusted data“ is prose. */
const QUOTES = '\u201A\u201E';
/** Slashes after folding (`／` folds to `/`; these do not). */
const SLASHES = new Set(['/', '\\', '\u2215', '\u2044', '\u29F8', '\u2571', '\u27CB', '\u3033']);

const NOT_BRACKET = 1;
const ANGLE = 2;
const OTHER_BRACKET = 3;
/** Bracket kind of every BMP code point, filled as met (0: not looked up yet). */
const bracketKinds = new Uint8Array(0x10000);

function bracketKind(cp: number): number {
  if (cp < 0x80)
    return cp === 0x3c ? ANGLE : cp === 0x5b || cp === 0x28 || cp === 0x7b ? OTHER_BRACKET : NOT_BRACKET;
  let kind = cp < 0x10000 ? (bracketKinds[cp] as number) : 0;
  if (kind === 0) {
    const c = String.fromCodePoint(cp);
    kind = ANGLES.includes(c) ? ANGLE : OPENING.test(c) && !QUOTES.includes(c) ? OTHER_BRACKET : NOT_BRACKET;
    if (cp < 0x10000) bracketKinds[cp] = kind;
  }
  return kind;
}

/** The tag's name with everything but its letters removed. */
const TAG_WORD = 'untrusteddata';

/**
 * Letters a reader takes for those of `untrusted` and `data` that compatibility decomposition leaves alone:
 * small capitals, Cyrillic, Greek, Armenian and Latin look-alikes (after lower-casing). Wider than strictly
 * needed on purpose: a false match only turns a bracket into `&lt;`.
 */
const LOOK_ALIKES: Readonly<Record<string, string>> = {
  // u
  ᴜ: 'u',
  υ: 'u',
  ս: 'u',
  ʊ: 'u',
  '∪': 'u',
  ᥙ: 'u',
  // n
  ɴ: 'n',
  ո: 'n',
  ռ: 'n',
  η: 'n',
  ν: 'n',
  п: 'n',
  // t
  ᴛ: 't',
  т: 't',
  τ: 't',
  ŧ: 't',
  // r
  ʀ: 'r',
  г: 'r',
  ɾ: 'r',
  ɼ: 'r',
  ɽ: 'r',
  ⲅ: 'r',
  // s
  ꜱ: 's',
  ѕ: 's',
  ʂ: 's',
  // e
  ᴇ: 'e',
  е: 'e',
  ε: 'e',
  ҽ: 'e',
  ɛ: 'e',
  ℮: 'e',
  // d
  ᴅ: 'd',
  ԁ: 'd',
  ɗ: 'd',
  đ: 'd',
  // a
  ᴀ: 'a',
  а: 'a',
  α: 'a',
  ɑ: 'a',
  '⍺': 'a',
};

const MARKS = /\p{M}/gu;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const foldCache = new Map<number, string>();
const FOLD_CACHE_MAX = 4096;

/** One non-ASCII code point as the reader may read it: possibly several characters (`ﬆ` → `st`), possibly none (a mark). */
function fold(cp: number): string {
  let folded = foldCache.get(cp);
  if (folded === undefined) {
    const plain = String.fromCodePoint(cp).normalize('NFKD').toLowerCase().replace(MARKS, '');
    folded = '';
    for (const c of plain) folded += LOOK_ALIKES[c] ?? c;
    if (foldCache.size < FOLD_CACHE_MAX) foldCache.set(cp, folded);
  }
  return folded;
}

function isLetterOrDigit(c: string): boolean {
  const code = c.charCodeAt(0);
  if (code < 0x80) return (code >= 0x30 && code <= 0x39) || (code >= 0x61 && code <= 0x7a);
  return LETTER_OR_DIGIT.test(c);
}

/**
 * Whether the text from `start` (just after a bracket) reads as the tag's word: its letters, with anything else
 * (spaces, slashes, hyphens, other punctuation, marks) between them ignored, begin `untrusteddata`. With `slash`,
 * a slash must come before the first letter. The scan ends at the next bracket, which starts its own.
 */
function readsAsTag(text: string, start: number, slash: boolean): boolean {
  let matched = 0;
  let slashSeen = !slash;
  for (let i = start; i < text.length; ) {
    const cp = text.codePointAt(i) as number;
    i += cp > 0xffff ? 2 : 1;
    if (cp < 0x80) {
      // The common case, without building strings: ASCII letters compare case-insensitively.
      const lower = cp >= 0x41 && cp <= 0x5a ? cp + 32 : cp;
      if ((lower >= 0x61 && lower <= 0x7a) || (lower >= 0x30 && lower <= 0x39)) {
        if (!slashSeen || lower !== TAG_WORD.charCodeAt(matched)) return false;
        if (++matched === TAG_WORD.length) return true;
      } else if (bracketKind(cp) !== NOT_BRACKET) return false;
      else if (matched === 0 && (cp === 0x2f || cp === 0x5c)) slashSeen = true;
      continue;
    }
    if (bracketKind(cp) !== NOT_BRACKET) return false;
    const folded = fold(cp);
    for (let k = 0; k < folded.length; k++) {
      const c = folded[k] as string;
      if (!isLetterOrDigit(c)) {
        if (matched === 0 && SLASHES.has(c)) slashSeen = true;
        continue;
      }
      if (!slashSeen || c !== TAG_WORD[matched]) return false;
      if (++matched === TAG_WORD.length) return true;
    }
  }
  return false;
}

/**
 * The offsets of the brackets that open a spelling of a fence tag, in order. Each such bracket is replaced by
 * the caller; the rest of the text is left as it was.
 */
export function fenceTagBrackets(text: string): number[] {
  const found: number[] = [];
  for (let i = 0; i < text.length; ) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80 && unit !== 0x3c && unit !== 0x5b && unit !== 0x28 && unit !== 0x7b) {
      i++;
      continue;
    }
    const cp = text.codePointAt(i) as number;
    const width = cp > 0xffff ? 2 : 1;
    const kind = bracketKind(cp);
    if (kind !== NOT_BRACKET && readsAsTag(text, i + width, kind === OTHER_BRACKET)) found.push(i);
    i += width;
  }
  return found;
}

/**
 * `text` with every spelling of a fence tag neutralised: its bracket becomes `&lt;`, so it can neither close the
 * fence nor open a nested one, while a reader still sees what was written.
 */
export function neutraliseFenceTags(text: string): string {
  const at = fenceTagBrackets(text);
  if (at.length === 0) return text;
  let out = '';
  let cursor = 0;
  for (const i of at) {
    out += `${text.slice(cursor, i)}&lt;`;
    cursor = i + ((text.codePointAt(i) as number) > 0xffff ? 2 : 1);
  }
  return out + text.slice(cursor);
}
