import { type FSWatcher, watch } from 'node:fs';
import { lstat, readdir, readFile, realpath, stat } from 'node:fs/promises';
import { extname, join, relative, sep } from 'node:path';
import { ConfigError } from '@gatehouse/kit';
import type { CollectionConfig } from './config.ts';
import { splitFrontMatter } from './front-matter.ts';
import { type ParsedDoc, parseMarkdown, parsePlainText, SearchIndex } from './search/index.ts';

const TEXT_EXTENSIONS = new Set(['.md', '.markdown', '.txt']);
const DOC_TYPES = new Set(['runbook', 'adr', 'reference', 'guide']);

export interface StoredDoc {
  readonly collection: string;
  readonly path: string;
  readonly text: string;
  readonly parsed: ParsedDoc;
  readonly meta: Record<string, unknown>;
}

export interface FileProblem {
  readonly collection: string;
  readonly path: string;
  readonly problem: string;
}

interface Collection {
  readonly name: string;
  readonly root: string;
  readonly docs: Map<string, StoredDoc>;
  readonly problems: Map<string, string>;
}

/** A collection-relative posix path that cannot leave the collection, or undefined. */
export function safeRelativePath(path: string): string | undefined {
  if (path.length === 0 || path.length > 1024 || path.includes('\0') || path.includes('\\')) return undefined;
  if (path.startsWith('/')) return undefined;
  const segments = path.split('/');
  if (segments.some((s) => s === '..' || s === '.' || s === '')) return undefined;
  return path;
}

/**
 * The documents of every collection, kept in memory and in the search index, and kept current: files that
 * change while the server runs are re-read within a fraction of a second. Nothing outside a collection's folder
 * is ever read (symlinks out are skipped), and every file that cannot be used is reported, never fatal.
 */
export class DocsLibrary {
  readonly index = new SearchIndex();
  readonly #collections = new Map<string, Collection>();
  readonly #maxFileBytes: number;
  readonly #watchers: FSWatcher[] = [];
  readonly #pending = new Map<string, NodeJS.Timeout>();

  constructor(options: { maxFileBytes: number }) {
    this.#maxFileBytes = options.maxFileBytes;
  }

  /** Loads every collection; a missing or unreadable folder is a configuration error naming it. */
  async load(collections: readonly CollectionConfig[]): Promise<void> {
    const problems: string[] = [];
    for (const config of collections) {
      if (this.#collections.has(config.name)) {
        problems.push(`GATEHOUSE_DOCS_COLLECTIONS: collection "${config.name}" is named twice`);
        continue;
      }
      let root: string;
      try {
        root = await realpath(config.path);
        if (!(await stat(root)).isDirectory()) throw new Error('not a folder');
      } catch (error) {
        const why =
          (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'does not exist' : (error as Error).message;
        problems.push(
          `GATEHOUSE_DOCS_COLLECTIONS: folder ${config.path} of collection "${config.name}" ${why}`,
        );
        continue;
      }
      const collection: Collection = { name: config.name, root, docs: new Map(), problems: new Map() };
      this.#collections.set(config.name, collection);
      await this.#walk(collection, root, new Set());
    }
    if (problems.length > 0) throw new ConfigError(problems, 'The docs server cannot start');
  }

  collections(): string[] {
    return [...this.#collections.keys()];
  }

  get(collection: string, path: string): StoredDoc | undefined {
    const safe = safeRelativePath(path);
    return safe === undefined ? undefined : this.#collections.get(collection)?.docs.get(safe);
  }

  all(collection?: string): StoredDoc[] {
    const out: StoredDoc[] = [];
    for (const c of this.#collections.values()) {
      if (collection === undefined || c.name === collection) out.push(...c.docs.values());
    }
    return out.sort((a, b) => a.collection.localeCompare(b.collection) || a.path.localeCompare(b.path));
  }

  problems(): FileProblem[] {
    const out: FileProblem[] = [];
    for (const c of this.#collections.values()) {
      for (const [path, problem] of c.problems) out.push({ collection: c.name, path, problem });
    }
    return out;
  }

  /** Follows file changes in every collection until `close()`. */
  watch(): void {
    for (const collection of this.#collections.values()) {
      const watcher = watch(collection.root, { recursive: true }, (_event, filename) => {
        if (!filename) return;
        const rel = filename.split(sep).join('/');
        const key = `${collection.name}\0${rel}`;
        clearTimeout(this.#pending.get(key));
        // Editors write a file in several steps; read it once they are done.
        this.#pending.set(
          key,
          setTimeout(() => {
            this.#pending.delete(key);
            void this.refresh(collection.name, rel);
          }, 75),
        );
      });
      watcher.on('error', () => undefined);
      this.#watchers.push(watcher);
    }
  }

  close(): void {
    for (const watcher of this.#watchers) watcher.close();
    for (const timer of this.#pending.values()) clearTimeout(timer);
  }

  /** Re-reads one path (file or folder) after a change: added, changed or gone. */
  async refresh(collectionName: string, rel: string): Promise<void> {
    const collection = this.#collections.get(collectionName);
    const safe = safeRelativePath(rel);
    if (!collection || safe === undefined) return;
    const absolute = join(collection.root, ...safe.split('/'));
    let info: Awaited<ReturnType<typeof lstat>> | undefined;
    try {
      info = await lstat(absolute);
    } catch {
      info = undefined;
    }
    if (!info) {
      // Gone: the file itself, or a folder with everything under it.
      for (const path of [...collection.docs.keys()]) {
        if (path === safe || path.startsWith(`${safe}/`)) this.#drop(collection, path);
      }
      for (const path of [...collection.problems.keys()]) {
        if (path === safe || path.startsWith(`${safe}/`)) collection.problems.delete(path);
      }
      return;
    }
    if (info.isDirectory() || info.isSymbolicLink()) {
      await this.#walk(collection, absolute, new Set());
      return;
    }
    await this.#readFile(collection, absolute, safe, info.size);
  }

  async #walk(collection: Collection, folder: string, seen: Set<string>): Promise<void> {
    const real = await realpath(folder).catch(() => undefined);
    if (!real || seen.has(real)) return;
    seen.add(real);
    let entries: import('node:fs').Dirent[];
    try {
      entries = await readdir(folder, { withFileTypes: true });
    } catch (error) {
      this.#report(
        collection,
        this.#rel(collection, folder),
        `folder cannot be read: ${(error as Error).message}`,
      );
      return;
    }
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const absolute = join(folder, entry.name);
      const rel = this.#rel(collection, absolute);
      let target = absolute;
      if (entry.isSymbolicLink()) {
        const resolved = await realpath(absolute).catch(() => undefined);
        if (!resolved || !inside(collection.root, resolved)) {
          this.#report(collection, rel, 'symbolic link leads outside the collection (or nowhere); skipped');
          continue;
        }
        target = resolved;
      }
      const info = await stat(target).catch(() => undefined);
      if (!info) continue;
      if (info.isDirectory()) await this.#walk(collection, absolute, seen);
      else if (info.isFile() && TEXT_EXTENSIONS.has(extname(entry.name).toLowerCase())) {
        await this.#readFile(collection, target, rel, info.size);
      }
    }
  }

  async #readFile(collection: Collection, absolute: string, rel: string, size: number): Promise<void> {
    if (!TEXT_EXTENSIONS.has(extname(rel).toLowerCase())) return;
    const real = await realpath(absolute).catch(() => undefined);
    if (!real || !inside(collection.root, real)) {
      this.#drop(collection, rel);
      this.#report(collection, rel, 'leads outside the collection; skipped');
      return;
    }
    if (size > this.#maxFileBytes) {
      this.#drop(collection, rel);
      this.#report(collection, rel, `is ${size} bytes, over the ${this.#maxFileBytes}-byte limit; skipped`);
      return;
    }
    let bytes: Buffer;
    try {
      bytes = await readFile(real);
    } catch (error) {
      this.#drop(collection, rel);
      this.#report(
        collection,
        rel,
        `cannot be read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      );
      return;
    }
    if (bytes.subarray(0, 8192).includes(0)) {
      this.#drop(collection, rel);
      this.#report(collection, rel, 'looks binary (NUL bytes); skipped');
      return;
    }
    const text = bytes.toString('utf8');
    let parsed: ParsedDoc;
    let meta: Record<string, unknown> = {};
    collection.problems.delete(rel);
    if (extname(rel).toLowerCase() === '.txt') {
      parsed = parsePlainText(rel, text);
    } else {
      const front = splitFrontMatter(text);
      meta = front.meta;
      if (front.problem) this.#report(collection, rel, `${front.problem}; indexed without it`);
      const typeProblem = checkMeta(meta);
      if (typeProblem) this.#report(collection, rel, typeProblem);
      parsed = parseMarkdown(rel, front.body, meta, front.lineOffset);
    }
    const doc: StoredDoc = { collection: collection.name, path: rel, text, parsed, meta };
    collection.docs.set(rel, doc);
    this.index.upsert(collection.name, parsed);
  }

  #drop(collection: Collection, rel: string): void {
    if (collection.docs.delete(rel)) this.index.remove(collection.name, rel);
  }

  #report(collection: Collection, rel: string, problem: string): void {
    collection.problems.set(rel, problem);
  }

  #rel(collection: Collection, absolute: string): string {
    return relative(collection.root, absolute).split(sep).join('/');
  }
}

function inside(root: string, path: string): boolean {
  return path === root || path.startsWith(root + sep);
}

function checkMeta(meta: Record<string, unknown>): string | undefined {
  if (meta.type !== undefined && !DOC_TYPES.has(String(meta.type))) {
    return `front matter type "${String(meta.type)}" is not one of runbook, adr, reference, guide`;
  }
  if (meta.last_reviewed !== undefined && Number.isNaN(Date.parse(String(meta.last_reviewed)))) {
    return `front matter last_reviewed "${String(meta.last_reviewed)}" is not a date (YYYY-MM-DD)`;
  }
  return undefined;
}
