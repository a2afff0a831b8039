/** Where GitHub looks for CODEOWNERS, in its order: the first file found is the only one used. */
export const CODEOWNERS_LOCATIONS = ['.github/CODEOWNERS', 'CODEOWNERS', 'docs/CODEOWNERS'] as const;

export interface CodeownersRule {
  readonly pattern: string;
  readonly owners: readonly string[];
  readonly line: number;
  readonly regex: RegExp;
}

/**
 * CODEOWNERS patterns follow gitignore rules with GitHub's differences: a pattern with a leading or inner `/`
 * is anchored at the root, otherwise it matches at any depth; a match on a directory covers everything under
 * it; `dir/*` covers only the files directly in `dir`; no `!` negation and no `[ ]` ranges.
 */
export function patternToRegex(pattern: string): RegExp {
  let p = pattern;
  const dirOnly = p.endsWith('/');
  if (dirOnly) p = p.slice(0, -1);
  const anchored = p.startsWith('/') || p.includes('/');
  if (p.startsWith('/')) p = p.slice(1);
  const shallow = p.endsWith('/*');
  let body = '';
  for (let i = 0; i < p.length; i++) {
    const c = p[i] as string;
    if (c === '*' && p[i + 1] === '*') {
      if (p[i + 2] === '/') {
        body += '(?:.*/)?';
        i += 2;
      } else {
        body += '.*';
        i += 1;
      }
    } else if (c === '*') body += '[^/]*';
    else if (c === '?') body += '[^/]';
    else if (c === '\\' && i + 1 < p.length) body += escapeChar(p[++i] as string);
    else body += escapeChar(c);
  }
  const prefix = anchored ? '^' : '^(?:.*/)?';
  const suffix = dirOnly ? '/.*' : shallow ? '' : '(?:/.*)?';
  return new RegExp(`${prefix}${body}${suffix}$`);
}

const escapeChar = (c: string) => c.replace(/[.+^${}()|[\]\\]/g, '\\$&');

export function parseCodeowners(text: string): CodeownersRule[] {
  const rules: CodeownersRule[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.replace(/(^|\s)#.*$/, '').trim();
    if (!line) return;
    const [pattern, ...owners] = line.split(/\s+/);
    if (!pattern || pattern.startsWith('!') || pattern.includes('[')) return;
    rules.push({ pattern, owners, line: index + 1, regex: patternToRegex(pattern) });
  });
  return rules;
}

/** The owners of a path: the LAST matching rule wins (a rule with no owners makes the path unowned). */
export function ownersOf(
  rules: readonly CodeownersRule[],
  path: string,
): { owners: readonly string[]; rule: CodeownersRule | undefined } {
  const clean = path.replace(/^\/+/, '');
  for (let i = rules.length - 1; i >= 0; i--) {
    const rule = rules[i] as CodeownersRule;
    if (rule.regex.test(clean)) return { owners: rule.owners, rule };
  }
  return { owners: [], rule: undefined };
}
