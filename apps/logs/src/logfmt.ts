// logfmt (`time=… level=error msg="a b" trace_id=9f`): a file format of its own, and also what many services
// print inside a JSON envelope (a container runtime's `{"log": "level=error msg=…"}`, a shipper's `message`).

// A bare value never starts with a quote: an unterminated quoted value is not read as one.
const LOGFMT_PAIR = /([A-Za-z_@][A-Za-z0-9_.@-]*)=(?:"((?:[^"\\]|\\.)*)"|([^"\s]\S*)?)/g;
/** What a message must start with to be worth parsing as logfmt: a key and `=`. */
const STARTS_WITH_PAIR = /^[A-Za-z_@][A-Za-z0-9_.@-]*=/;
const BLANK = /^\s*$/;

/**
 * The key=value pairs of `text` and how many there were; `strict`: undefined as soon as anything but spaces
 * stands between two pairs or after the last.
 */
function pairsOf(text: string, strict: boolean): { doc: Record<string, string>; pairs: number } | undefined {
  const doc: Record<string, string> = {};
  let pairs = 0;
  let last = 0;
  for (const match of text.matchAll(LOGFMT_PAIR)) {
    const [whole, key, quoted, bare] = match;
    if (strict && !BLANK.test(text.slice(last, match.index))) return undefined;
    doc[key as string] = quoted !== undefined ? quoted.replace(/\\(.)/g, '$1') : (bare ?? '');
    last = match.index + whole.length;
    pairs++;
  }
  if (strict && !BLANK.test(text.slice(last))) return undefined;
  return { doc, pairs };
}

/** `time=… level=error msg="a b"` as an object; undefined when the line holds no key=value pair. */
export function parseLogfmt(line: string): Record<string, string> | undefined {
  const parsed = pairsOf(line, false);
  return parsed && parsed.pairs > 0 ? parsed.doc : undefined;
}

/**
 * The pairs of a JSON line's message when the whole message is logfmt: at least two pairs and nothing but
 * spaces between them, so that prose holding one `retry=3` stays a message. Undefined otherwise.
 */
export function embeddedLogfmt(message: string): Record<string, string> | undefined {
  if (!STARTS_WITH_PAIR.test(message)) return undefined;
  const parsed = pairsOf(message, true);
  return parsed && parsed.pairs >= 2 ? parsed.doc : undefined;
}
