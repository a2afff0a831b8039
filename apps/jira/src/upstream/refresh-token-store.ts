import { readFile, rename, writeFile } from 'node:fs/promises';

/**
 * Where the OAuth 2.0 refresh token lives. Atlassian rotates it on every refresh and the spent one stops working,
 * so the latest must outlive the process: the configured token starts the chain, the file (when set) keeps it.
 */
export interface RefreshTokenStore {
  load(): Promise<string>;
  save(refreshToken: string): Promise<void>;
}

/** The refresh token in memory only: a restart starts again from the configured (by then spent) token. */
export function memoryRefreshTokenStore(initial: string): RefreshTokenStore {
  let current = initial;
  return {
    load: async () => current,
    async save(refreshToken) {
      current = refreshToken;
    },
  };
}

/**
 * The refresh token in a file only the server's user can read (0600), replaced atomically (write, then rename),
 * so a crash mid-write never leaves half a token. A file that is missing or unreadable falls back to the
 * configured token; one that holds a token wins over it (the configured one was rotated away).
 */
export function fileRefreshTokenStore(path: string, initial: string): RefreshTokenStore {
  let current: string | undefined;
  return {
    async load() {
      if (current !== undefined) return current;
      try {
        const stored = JSON.parse(await readFile(path, 'utf8')) as { refreshToken?: unknown };
        current =
          typeof stored.refreshToken === 'string' && stored.refreshToken ? stored.refreshToken : initial;
      } catch {
        current = initial;
      }
      return current;
    },
    async save(refreshToken) {
      current = refreshToken;
      const temporary = `${path}.${process.pid}.tmp`;
      await writeFile(temporary, JSON.stringify({ refreshToken, savedAt: new Date().toISOString() }), {
        mode: 0o600,
      });
      await rename(temporary, path);
    },
  };
}
