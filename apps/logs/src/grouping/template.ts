/**
 * A message's template: the variable parts (ids, numbers, hashes, paths, durations, addresses, quoted values)
 * replaced by placeholders, so `Order 8812 failed after 1532ms` and `Order 9 failed after 20ms` are one pattern.
 * One pass of one regular expression with no nested quantifiers: linear in the message. Deterministic, no model.
 */
const VARIABLE = new RegExp(
  [
    /(?<uuid>\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b)/.source,
    /(?<url>\b[a-z][a-z0-9+.-]{1,15}:\/\/[^\s"'<>]+)/.source,
    /(?<email>\b[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63})+\b)/.source,
    /(?<ip>\b\d{1,3}(?:\.\d{1,3}){3}(?::\d{1,5})?\b)/.source,
    /(?<path>(?:^|(?<=[\s=:(["']))(?:[A-Za-z]:)?(?:[/\\][\w.@%+~-]+){2,}[/\\]?)/.source,
    /(?<hex>\b(?:0x)?(?=[0-9a-fA-F]*\d)(?=[0-9a-fA-F]*[a-fA-F])[0-9a-fA-F]{8,}\b)/.source,
    /(?<duration>\b\d+(?:\.\d+)?\s?(?:ns|us|µs|ms|s|sec|secs|seconds|m|min|mins|minutes|h|hrs|hours)\b)/
      .source,
    /(?<quoted>"[^"\n]{0,200}"|'[^'\n]{0,200}')/.source,
    /(?<id>\b[A-Za-z]{1,12}[_-](?=[A-Za-z0-9]{0,40}\d)[A-Za-z0-9]{4,40}\b)/.source,
    /(?<number>(?<![\w.-])[-+]?\d+(?:[.,:]\d+)*(?![A-Za-z]))/.source,
  ].join('|'),
  'g',
);

const PLACEHOLDER: Readonly<Record<string, string>> = {
  uuid: '<uuid>',
  url: '<url>',
  email: '<email>',
  ip: '<ip>',
  path: '<path>',
  hex: '<hex>',
  duration: '<duration>',
  quoted: '<str>',
  id: '<id>',
  number: '<n>',
};

/** The first line of a message (a stack's frames vary by line number and are not the pattern), cut to 500. */
function headline(message: string): string {
  const nl = message.indexOf('\n');
  const line = nl < 0 ? message : message.slice(0, nl);
  return line.length > 500 ? line.slice(0, 500) : line;
}

export function messageTemplate(message: string): string {
  return headline(message)
    .replace(VARIABLE, (...args) => {
      const groups = args[args.length - 1] as Record<string, string | undefined>;
      for (const name in groups) if (groups[name] !== undefined) return PLACEHOLDER[name] as string;
      return args[0] as string;
    })
    .replace(/\s+/g, ' ')
    .trim();
}
