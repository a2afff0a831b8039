import { randomBytes } from 'node:crypto';
import { type ApiKeyEntry, hashApiKey } from '@gatehouse/kit/operator';
import { parseCommand, parseList } from '../args.ts';
import type { CommandContext } from '../context.ts';
import { UsageError } from '../errors.ts';

export const KEYS_HELP = `Usage: gatehouse keys create --actor <actor> [--scopes a,b] [--roles r,s] [--json]

Creates an API key for a server's HTTP transport. Prints the key once (stdout, line 1): give it to
the caller and keep no copy. Line 2 is the entry for GATEHOUSE_API_KEYS (a JSON array of entries):
it holds only the key's SHA-256 hash, so the server's configuration never holds a usable secret.

Options:
  --actor <actor>    who calls with this key (recorded in every audit record)
  --scopes <a,b>     scopes granted to the key, e.g. docs:read,notes:read
  --roles <r,s>      policy roles of the key, e.g. reader
  --json             one JSON object {key, entry} instead of two lines
  -h, --help         this help

Example:
  gatehouse keys create --actor alice --roles reader
  GATEHOUSE_API_KEYS='[<entry>]' node apps/docs/src/main.ts`;

const OPTIONS = {
  actor: { type: 'string' },
  scopes: { type: 'string' },
  roles: { type: 'string' },
  json: { type: 'boolean' },
} as const;

/** `gh_key_` and 256 random bits, base64url: no spaces or quotes, so it pastes safely anywhere. */
export function newApiKey(): string {
  return `gh_key_${randomBytes(32).toString('base64url')}`;
}

export function apiKeyEntry(key: string, actor: string, scopes: string[], roles: string[]): ApiKeyEntry {
  return { hash: hashApiKey(key), actor, scopes, roles };
}

export async function keysCommand(argv: readonly string[], ctx: CommandContext): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === undefined || sub === '-h' || sub === '--help' || sub === 'help') {
    if (sub === undefined) throw new UsageError('missing subcommand: create', KEYS_HELP);
    ctx.out(KEYS_HELP);
    return 0;
  }
  if (sub !== 'create') throw new UsageError(`unknown subcommand keys ${sub}; valid: create`, KEYS_HELP);
  const { values, positionals } = parseCommand(rest, OPTIONS, KEYS_HELP);
  if (values.help) {
    ctx.out(KEYS_HELP);
    return 0;
  }
  if (positionals.length > 0)
    throw new UsageError(`unexpected argument ${JSON.stringify(positionals[0])}`, KEYS_HELP);
  const actor = values.actor?.trim();
  if (!actor) throw new UsageError('--actor is required: who calls with this key', KEYS_HELP);
  if (/[\u0000-\u001f\u007f]/.test(actor))
    throw new UsageError('--actor must not contain control characters', KEYS_HELP);

  const key = newApiKey();
  const entry = apiKeyEntry(key, actor, parseList(values.scopes), parseList(values.roles));
  if (values.json) {
    ctx.out(JSON.stringify({ key, entry }));
  } else {
    ctx.out(key);
    ctx.out(JSON.stringify(entry));
  }
  ctx.err(
    `The key${values.json ? '' : ' (line 1)'} is shown only now: hand it to ${actor} and keep no copy.`,
  );
  ctx.err(
    `Add the entry to the server's GATEHOUSE_API_KEYS array, e.g. GATEHOUSE_API_KEYS='[${JSON.stringify(entry)}]'.`,
  );
  return 0;
}
