/**
 * The repositories this server may touch, as `owner/name` globs (`acme/*`, `acme/api-*`, `acme/api`). GitHub
 * names are case-insensitive, so matching is too. `*` never crosses the `/`.
 */
export class RepoAllowlist {
  readonly patterns: readonly string[];
  readonly #matchers: readonly RegExp[];

  constructor(patterns: readonly string[]) {
    this.patterns = patterns;
    this.#matchers = patterns.map(
      (p) =>
        new RegExp(
          `^${p
            .split('*')
            .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
            .join('[^/]*')}$`,
          'i',
        ),
    );
  }

  get empty(): boolean {
    return this.patterns.length === 0;
  }

  allows(fullName: string): boolean {
    return this.#matchers.some((m) => m.test(fullName));
  }

  /**
   * Search qualifiers that keep a search within the allowlist: `repo:` for exact names, `org:` for an owner's
   * globs. Results are still filtered afterwards, since `org:acme` also covers repositories outside `acme/api-*`.
   * Empty when a pattern spans owners (`*` owner): then only the filter applies.
   */
  searchQualifiers(): string[] {
    const qualifiers = new Set<string>();
    for (const pattern of this.patterns) {
      const [owner = '', name = ''] = pattern.split('/');
      if (owner.includes('*')) return [];
      qualifiers.add(name.includes('*') ? `org:${owner}` : `repo:${owner}/${name}`);
    }
    return [...qualifiers];
  }
}
