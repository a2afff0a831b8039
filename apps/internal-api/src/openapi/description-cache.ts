// A start reads, parses and walks the whole OpenAPI document: GitHub's 13 MB description costs about 0.2 s of CPU
// and leaves 25–40 MB of resident memory behind. What the tools need of it is small: the allowed operations and what
// they reach (prune.ts), and the input descriptions the document's operations share (counted over all of it). Both
// are kept on disk, keyed by the document file's identity (path, size, modification and change times, inode), the
// allowlist and the sources that derive them, so the next start with the same document and allowlist reads a few
// hundred kB instead. Any change to one of those is a miss, and a miss or an unusable cache only means the whole
// document is read as before. Only files are cached: a URL must be fetched to be known anyway.
import { createHash } from 'node:crypto';
import {
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import type { JsonSchema } from './schema-zod.ts';
import type { SharedInputs } from './shared-inputs.ts';

export interface CachedDescription {
  /** The document cut to what the allowlist reaches. */
  readonly doc: JsonSchema;
  /** The input descriptions the whole document's operations share. */
  readonly shared: SharedInputs;
}

export interface DescriptionCache {
  /**
   * The key of this document file (as it is now) and the settings that shape an entry (the allowlist, the size
   * limit); taken before the file is read, so a file changed while it is read is a miss next time. undefined when
   * the file cannot be examined.
   */
  keyOf(file: string, settings: readonly unknown[]): string | undefined;
  /** The entry under `key`, or undefined. */
  read(key: string): CachedDescription | undefined;
  /** Keeps an entry; a failure (a full or read-only disk) is ignored. */
  write(key: string, entry: CachedDescription): void;
}

/** Entries kept; the oldest go first (each changed document or allowlist makes a new one). */
const MAX_ENTRIES = 32;

// What derives an entry: a change to any of these files changes every key, so no entry outlives the code that made it.
const DERIVERS = [
  './load.ts',
  './operations.ts',
  './allowlist.ts',
  './shared-inputs.ts',
  './schema-zod.ts',
  './prune.ts',
  './description-cache.ts',
];

let codeVersion: string | undefined | null = null;

function derivers(): string | undefined {
  if (codeVersion !== null) return codeVersion;
  try {
    const hash = createHash('sha256');
    for (const file of DERIVERS) hash.update(readFileSync(new URL(file, import.meta.url)));
    codeVersion = hash.digest('hex');
  } catch {
    codeVersion = undefined; // not run from its sources: no cache
  }
  return codeVersion;
}

/** The default place: a folder of this user's own under the temp directory. */
export function defaultCacheDir(): string {
  return join(tmpdir(), `gatehouse-internal-api-${userInfo().uid}`);
}

/**
 * The cache in `dir`, made if missing (mode 700). undefined when it cannot be used safely: not a directory, not
 * this user's, or open to others (another user could plant entries there).
 */
export function openDescriptionCache(dir: string): DescriptionCache | undefined {
  const version = derivers();
  if (version === undefined) return undefined;
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const stat = lstatSync(dir);
    if (!stat.isDirectory() || stat.uid !== process.getuid?.() || (stat.mode & 0o077) !== 0) return undefined;
  } catch {
    return undefined;
  }
  return {
    keyOf(file, settings) {
      try {
        const path = resolve(file);
        const s = statSync(path, { bigint: true });
        const identity = [
          version,
          path,
          s.size,
          s.mtimeNs,
          s.ctimeNs,
          s.ino,
          s.dev,
          JSON.stringify(settings),
        ];
        return createHash('sha256').update(identity.map(String).join('\u0000')).digest('hex');
      } catch {
        return undefined;
      }
    },
    read(key) {
      try {
        const parsed = JSON.parse(readFileSync(join(dir, `${key}.json`), 'utf8')) as {
          doc: JsonSchema;
          shared: [string, string][];
        };
        return { doc: parsed.doc, shared: new Map(parsed.shared) };
      } catch {
        return undefined;
      }
    },
    write(key, entry) {
      try {
        const target = join(dir, `${key}.json`);
        const temp = `${target}.${process.pid}.tmp`;
        writeFileSync(temp, JSON.stringify({ doc: entry.doc, shared: [...entry.shared] }), { mode: 0o600 });
        renameSync(temp, target);
        dropOldest(dir);
      } catch {
        // A cache that cannot be written is only slower.
      }
    },
  };
}

function dropOldest(dir: string): void {
  const entries = readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .map((name) => ({ name, time: statSync(join(dir, name)).mtimeMs }));
  if (entries.length <= MAX_ENTRIES) return;
  entries.sort((a, b) => a.time - b.time);
  for (const { name } of entries.slice(0, entries.length - MAX_ENTRIES))
    rmSync(join(dir, name), { force: true });
}
