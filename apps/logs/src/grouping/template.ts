/**
 * A message's template: the variable parts (ids, numbers, hashes, paths, durations, addresses, quoted values)
 * replaced by placeholders, so `Order 8812 failed after 1532ms` and `Order 9 failed after 20ms` are one pattern.
 * One pass of one regular expression with no nested quantifiers: linear in the message. Deterministic, no model.
 */
export const VARIABLE_PARTS: readonly (readonly [placeholder: string, part: RegExp])[] = [
  ['<uuid>', /\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b/],
  ['<url>', /\b[a-z][a-z0-9+.-]{1,15}:\/\/[^\s"'<>]+/],
  ['<email>', /\b[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63})+\b/],
  ['<ip>', /\b\d{1,3}(?:\.\d{1,3}){3}(?::\d{1,5})?\b/],
  ['<path>', /(?:^|(?<=[\s=:(["']))(?:[A-Za-z]:)?(?:[/\\][\w.@%+~-]+){2,}[/\\]?/],
  ['<hex>', /\b(?:0x)?(?=[0-9a-fA-F]*\d)(?=[0-9a-fA-F]*[a-fA-F])[0-9a-fA-F]{8,}\b/],
  ['<duration>', /\b\d+(?:\.\d+)?\s?(?:ns|us|µs|ms|s|sec|secs|seconds|m|min|mins|minutes|h|hrs|hours)\b/],
  ['<str>', /"[^"\n]{0,200}"|'[^'\n]{0,200}'/],
  ['<id>', /\b[A-Za-z]{1,12}[_-](?=[A-Za-z0-9]{0,40}\d)[A-Za-z0-9]{4,40}\b/],
  ['<n>', /(?<![\w.-])[-+]?\d+(?:[.,:]\d+)*(?![A-Za-z])/],
];

/** Every part as one alternation, each in its own numbered group (named groups cost an object per match). */
const VARIABLE = new RegExp(VARIABLE_PARTS.map(([, part]) => `(${part.source})`).join('|'), 'g');
const PLACEHOLDERS = VARIABLE_PARTS.map(([placeholder]) => placeholder);

/** The placeholder of the part whose group is defined (the groups are followed by the offset and the text). */
function placeholderOf(match: string, ...groups: unknown[]): string {
  for (let i = 0; i < PLACEHOLDERS.length; i++) if (groups[i] !== undefined) return PLACEHOLDERS[i] as string;
  return match;
}

/** The first line of a message (a stack's frames vary by line number and are not the pattern), cut to 500. */
function headline(message: string): string {
  const nl = message.indexOf('\n');
  const line = nl < 0 ? message : message.slice(0, nl);
  return line.length > 500 ? line.slice(0, 500) : line;
}

export function messageTemplate(message: string): string {
  return templateOfHeadline(headline(message));
}

function templateOfHeadline(line: string): string {
  return line.replace(VARIABLE, placeholderOf).replace(/\s+/g, ' ').trim();
}

/** Digits the template regex never names: 1-9 (it names `0`, in `0x`), or every digit when no `x` can follow one. */
const NAMELESS_DIGITS = /[1-9]/g;
const ANY_DIGIT = /\d/g;
const DIGIT = /\d/;

/**
 * A headline with its digits made alike. The template regex tells digits apart only by the literal `0x`, so two
 * headlines with the same shape match the same parts in the same places; when a template keeps no digit of its
 * own (every digit fell inside a placeholder), it is the template of every headline of that shape.
 */
function shapeOf(line: string): string {
  return line.includes('x') ? line.replace(NAMELESS_DIGITS, '1') : line.replace(ANY_DIGIT, '1');
}

/**
 * The entries set most recently, in two generations: when the young one is full it becomes the old one and the
 * oldest are dropped, and an old entry read again moves back to the young one. What recurs stays; a run of
 * messages seen once (a trace id in each) passes through without pushing the recurring ones out for good.
 */
class Recent {
  #young = new Map<string, string>();
  #old = new Map<string, string>();
  readonly #generation: number;

  constructor(generation: number) {
    this.#generation = Math.max(1, generation);
  }

  get(key: string): string | undefined {
    const young = this.#young.get(key);
    if (young !== undefined) return young;
    const old = this.#old.get(key);
    if (old !== undefined) this.set(key, old);
    return old;
  }

  set(key: string, value: string): void {
    if (this.#young.size >= this.#generation) {
      this.#old = this.#young;
      this.#young = new Map();
    }
    this.#young.set(key, value);
  }
}

/**
 * Templates by shape, so that `Order 8812 failed after 1532ms` and `Order 9 failed after 20ms` cost one regex pass
 * between them; a template that kept digits (`ES256`) is cached by its exact headline instead. The two hold at
 * most `capacity` entries between them: memory stays bounded whatever the logs.
 */
export class TemplateCache {
  readonly #byShape: Recent;
  readonly #byHeadline: Recent;

  constructor(capacity: number) {
    this.#byShape = new Recent(Math.floor(capacity / 4));
    this.#byHeadline = new Recent(Math.floor(capacity / 4));
  }

  of(message: string): string {
    const line = headline(message);
    const exact = this.#byHeadline.get(line);
    if (exact !== undefined) return exact;
    const shape = shapeOf(line);
    const shared = this.#byShape.get(shape);
    if (shared !== undefined) return shared;
    const template = templateOfHeadline(line);
    if (DIGIT.test(template)) this.#byHeadline.set(line, template);
    else this.#byShape.set(shape, template);
    return template;
  }
}
