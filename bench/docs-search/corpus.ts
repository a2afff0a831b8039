import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { splitFrontMatter } from '@gatehouse/docs/front-matter';
import { type ParsedDoc, parseMarkdown, parsePlainText } from '@gatehouse/docs/search';
import { mulberry32 } from './random.ts';

export const EXAMPLES_FOLDER = new URL('../../examples/docs/', import.meta.url).pathname;
export const NODE_API_FOLDER = '/usr/share/doc/nodejs/api';

export interface SourceFile {
  readonly collection: string;
  readonly path: string;
  readonly text: string;
}

export interface Corpus {
  readonly name: string;
  /** What the corpus is and where it came from, for the report. */
  readonly note: string;
  readonly files: readonly SourceFile[];
  readonly bytes: number;
}

/** Parses files the way the docs server does: front matter split off, Markdown into sections. */
export function parseFile(file: SourceFile): ParsedDoc {
  if (file.path.endsWith('.txt')) return parsePlainText(file.path, file.text);
  const front = splitFrontMatter(file.text);
  return parseMarkdown(file.path, front.body, front.meta, front.lineOffset);
}

function corpus(name: string, note: string, files: SourceFile[]): Corpus {
  return { name, note, files, bytes: files.reduce((n, f) => n + Buffer.byteLength(f.text), 0) };
}

function walk(root: string, folder = root): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(folder, { withFileTypes: true }).sort((a, b) =>
    a.name.localeCompare(b.name),
  )) {
    if (entry.name.startsWith('.')) continue;
    const path = join(folder, entry.name);
    if (entry.isDirectory()) out.push(...walk(root, path));
    else if (/\.(md|markdown|txt)$/i.test(entry.name)) out.push(path);
  }
  return out;
}

/** Corpus A: the example handbook, or generated runbooks when it is missing or empty. */
export function exampleCorpus(folder = EXAMPLES_FOLDER): Corpus {
  const paths = existsSync(folder) && statSync(folder).isDirectory() ? walk(folder) : [];
  if (paths.length === 0) {
    const files = generatedDocs(60, 1);
    return corpus(
      'A: generated',
      `${folder} is missing or empty; ${files.length} generated runbooks instead`,
      files,
    );
  }
  const files = paths.map((p) => ({
    collection: 'handbook',
    path: relative(folder, p).split(sep).join('/'),
    text: readFileSync(p, 'utf8'),
  }));
  return corpus('A: examples/docs', `the example handbook, ${files.length} files`, files);
}

function nodeApiFiles(folder: string): SourceFile[] {
  if (!existsSync(folder)) return [];
  const byName = new Map<string, string>();
  for (const name of readdirSync(folder).sort()) {
    if (name.endsWith('.md')) byName.set(name, join(folder, name));
    else if (name.endsWith('.md.gz') && !byName.has(name.slice(0, -3)))
      byName.set(name.slice(0, -3), join(folder, name));
  }
  return [...byName].map(([name, path]) => {
    const raw = readFileSync(path);
    return {
      collection: 'node',
      path: name,
      text: (path.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8'),
    };
  });
}

/** Installs Debian's nodejs-doc when we are root and have apt; says how otherwise. */
function tryInstallNodeDocs(): string {
  const hint = 'install it with `apt-get install -y nodejs-doc` (Debian/Ubuntu)';
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const hasApt = spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status === 0;
  if (!isRoot || !hasApt) return `${NODE_API_FOLDER} has no Markdown; ${hint}`;
  console.log(`${NODE_API_FOLDER} has no Markdown: installing nodejs-doc with apt-get (once)…`);
  const options = { stdio: 'inherit' as const, timeout: 300_000 };
  spawnSync('apt-get', ['update'], options);
  const install = spawnSync('apt-get', ['install', '-y', 'nodejs-doc'], options);
  return install.status === 0 ? '' : `apt-get install nodejs-doc failed; ${hint}`;
}

/** Corpus B: the Markdown API docs of Node.js; undefined (with the reason) when they cannot be had. */
export function nodeApiCorpus(folder = NODE_API_FOLDER): Corpus | string {
  let files = nodeApiFiles(folder);
  if (files.length === 0) {
    const problem = tryInstallNodeDocs();
    if (problem) return problem;
    files = nodeApiFiles(folder);
    if (files.length === 0) return `nodejs-doc is installed but ${folder} has no *.md or *.md.gz`;
  }
  return corpus('B: Node.js API docs', `${folder}, ${files.length} Markdown files`, files);
}

/** The same files again under other collection names, until the corpus holds at least `minBytes`. */
export function replicate(base: Corpus, minBytes: number): Corpus {
  const copies = Math.max(1, Math.ceil(minBytes / base.bytes));
  const files: SourceFile[] = [];
  for (let c = 0; c < copies; c++)
    for (const f of base.files) files.push({ ...f, collection: `${f.collection}-${c + 1}` });
  return corpus(
    `${base.name.split(':')[0]}x${copies}`,
    `${copies} copies of corpus ${base.name.split(':')[0]} under different collection names (to pass ${minBytes / 1e6} MB)`,
    files,
  );
}

const WORDS = (
  'disk volume replica primary lag queue worker invoice billing payment certificate expiry latency timeout ' +
  'connection pool database index migration rollback deploy release alert threshold dashboard metric log ' +
  'error retry backoff throughput memory cpu node pod cluster kubernetes postgres redis cache token session'
).split(' ');

/** Seeded runbook-like documents, for when the example handbook is not there. */
export function generatedDocs(count: number, seed: number): SourceFile[] {
  const random = mulberry32(seed);
  const pick = () => WORDS[Math.floor(random() * WORDS.length)]!;
  const sentence = () => Array.from({ length: 8 + Math.floor(random() * 10) }, pick).join(' ') + '.';
  const files: SourceFile[] = [];
  for (let i = 0; i < count; i++) {
    const title = `${pick()} ${pick()} ${pick()}`;
    const sections = ['Summary', 'Symptoms', 'Diagnosis', 'Mitigation', 'Escalation'].map(
      (h) => `## ${h}\n\n${Array.from({ length: 3 + Math.floor(random() * 5) }, sentence).join(' ')}\n`,
    );
    const text = `---\ntitle: ${title}\ntype: runbook\ntags: [${pick()}, ${pick()}]\n---\n\n# ${title}\n\n${sections.join('\n')}`;
    files.push({ collection: 'generated', path: `runbooks/doc-${i}.md`, text });
  }
  return files;
}
