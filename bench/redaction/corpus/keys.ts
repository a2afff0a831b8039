/** Re-casing configuration keys for each syntax (`GITHUB_TOKEN` → `github_token`, `githubToken`, `github.token`). */
const words = (key: string): string[] =>
  key
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .split(/[_.\-\s]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());

export const upperSnake = (key: string): string => words(key).join('_').toUpperCase();
export const lowerSnake = (key: string): string => words(key).join('_');
export const camel = (key: string): string =>
  words(key)
    .map((w, i) => (i === 0 ? w : w[0]!.toUpperCase() + w.slice(1)))
    .join('');
export const dotted = (key: string): string => words(key).join('.');
export const kebab = (key: string): string => words(key).join('-');
export const pascal = (key: string): string =>
  words(key)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');
