import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { Client } from '@modelcontextprotocol/client';
import { stdioClient as startStdio } from '../stdio-client.ts';

/** The owner/name pairs the description's examples use: the search example's result lives in pinyin-toolkit. */
export const EXAMPLE_REPOS = ['octocat/*', 'batterseapower/pinyin-toolkit'];
const TOKEN = 'github_pat_bench_not_a_real_token';
const stdioClient = (args: string[], env: Record<string, string>) =>
  startStdio('bench-github-tokens', args, env);

/** Gatehouse's GitHub server over stdio, on the fake, with its default toolsets (reads only). */
export function startGatehouse(fakeUrl: string): Promise<Client> {
  return stdioClient([fileURLToPath(new URL('../../apps/github/src/main.ts', import.meta.url))], {
    GATEHOUSE_TRANSPORT: 'stdio',
    // The bench counts tokens, not the limiter: a bucket it cannot empty.
    GATEHOUSE_RATE_LIMIT_CAPACITY: '1000000',
    GATEHOUSE_GITHUB_TOKEN: TOKEN,
    GATEHOUSE_GITHUB_BASE_URL: fakeUrl,
    // Every repository the examples name, so no example result is dropped by the allowlist (which would
    // make our answers look cheaper than they are).
    GATEHOUSE_GITHUB_ALLOWLIST: EXAMPLE_REPOS.join(','),
  });
}

/**
 * @modelcontextprotocol/server-github over stdio. It hard-codes https://api.github.com, so a preload rewrites
 * that origin to the fake's (rewrite-origin.ts); nothing else about its requests or answers changes.
 */
export function startPeer(fakeUrl: string): Promise<Client> {
  const entry = createRequire(import.meta.url).resolve('@modelcontextprotocol/server-github/dist/index.js');
  return stdioClient(['--import', fileURLToPath(new URL('./rewrite-origin.ts', import.meta.url)), entry], {
    GITHUB_PERSONAL_ACCESS_TOKEN: TOKEN,
    BENCH_GITHUB_FAKE_URL: fakeUrl,
  });
}
