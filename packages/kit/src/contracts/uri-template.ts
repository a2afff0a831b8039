/**
 * The subset of RFC 6570 resource URIs need: `{name}` matches one path segment, `{+name}` (reserved expansion)
 * matches the rest including slashes. Values are percent-decoded; a decoded `..` segment never matches, so a
 * variable cannot walk out of the place its template names.
 */
export interface UriTemplate {
  readonly source: string;
  readonly variables: readonly string[];
  match(uri: string): Record<string, string> | undefined;
  expand(variables: Record<string, string>): string;
}

const VARIABLE = /\{(\+?)([A-Za-z_][A-Za-z0-9_]*)\}/g;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function compileUriTemplate(source: string): UriTemplate {
  const variables: string[] = [];
  const reserved = new Set<string>();
  let pattern = '^';
  let last = 0;
  for (const m of source.matchAll(VARIABLE)) {
    pattern += escapeRegExp(source.slice(last, m.index));
    const name = m[2] as string;
    variables.push(name);
    if (m[1] === '+') {
      reserved.add(name);
      pattern += '(.+)';
    } else {
      pattern += '([^/?#]+)';
    }
    last = (m.index ?? 0) + m[0].length;
  }
  pattern += `${escapeRegExp(source.slice(last))}$`;
  const regex = new RegExp(pattern);
  return {
    source,
    variables,
    match(uri) {
      const m = regex.exec(uri);
      if (!m) return undefined;
      const out: Record<string, string> = {};
      for (const [i, name] of variables.entries()) {
        let value: string;
        try {
          value = decodeURIComponent(m[i + 1] as string);
        } catch {
          return undefined;
        }
        if (value.split('/').some((segment) => segment === '..' || segment === '.')) return undefined;
        if (!reserved.has(name) && value.includes('/')) return undefined;
        out[name] = value;
      }
      return out;
    },
    expand(values) {
      return source.replace(VARIABLE, (_all, plus: string, name: string) => {
        const value = values[name] ?? '';
        return plus ? encodeURI(value) : encodeURIComponent(value);
      });
    },
  };
}
