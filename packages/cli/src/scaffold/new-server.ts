import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { discoverServers, ServerManifestSchema, settingsPrefix } from '@gatehouse/kit/operator';

/** The template of a new server: every file of the standard layout, with `__placeholders__`, each named `*.tmpl`. */
export const TEMPLATE_DIR = fileURLToPath(new URL('./template/', import.meta.url));

/** The folders of a workspace whose packages a new server's package name must not clash with. */
const PACKAGE_FOLDERS = ['apps', 'packages'];
/** The first port a generated server may take: the kit example and the first apps hold 3100 and up. */
const FIRST_PORT = 3100;

export interface NewServer {
  /** Lowercase, 2-32 letters, digits and -: the folder, the package `@gatehouse/<name>`, the server's name. */
  readonly name: string;
  /** Default: one port above the highest any server of the workspace declares. */
  readonly port?: number;
  /** A few words for the README and host-config help; default from the name (`internal-api` -> Internal api). */
  readonly title?: string;
}

/** What a name must be; undefined when it may be used in `root`. */
export function nameProblem(root: string, name: string): string | undefined {
  const valid = ServerManifestSchema.shape.server.safeParse(name);
  if (!valid.success) {
    return `"${name}": expected a lowercase name of 2-32 letters, digits and - (not at either end), e.g. tickets or internal-api`;
  }
  if (existsSync(join(root, 'apps', name))) return `apps/${name} already exists`;
  if (discoverServers(root).some((s) => s.name === name)) return `a server named ${name} already exists`;
  const taken = workspacePackages(root).find((p) => p.name === `@gatehouse/${name}`);
  if (taken) return `the package @gatehouse/${name} already exists (${taken.dir})`;
  return undefined;
}

/**
 * Writes `apps/<name>` from the template, in the standard layout (DESIGN.md): one read tool, one write tool, a
 * resource, a prompt, a config schema, the default policy, a README with the inventory markers, and the shared app
 * test. Returns the files written, relative to `target`'s parent of apps/ (`apps/<name>/...`). Contracts and the
 * README table are not written here: the app's own tests write them on request (GATEHOUSE_UPDATE_CONTRACTS=1), as
 * they do after any change. `target` (default `<root>/apps/<name>`) lets a test write the app into a copy.
 */
export function generateServer(
  root: string,
  spec: NewServer,
  target = join(root, 'apps', spec.name),
): string[] {
  const problem = nameProblem(root, spec.name);
  if (problem) throw new Error(problem);
  const port = spec.port ?? nextPort(root);
  const values = placeholders(root, spec.name, port, spec.title ?? defaultTitle(spec.name));
  const written: string[] = [];
  for (const file of templateFiles(TEMPLATE_DIR)) {
    const text = readFileSync(join(TEMPLATE_DIR, file), 'utf8');
    const out = join(target, file.replace(/\.tmpl$/, ''));
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, fill(text, values, file));
    written.push(
      relative(dirname(dirname(target)), out)
        .split(sep)
        .join('/'),
    );
  }
  format(root, target);
  return written.sort();
}

/**
 * Formats the new app with the workspace's Biome (from the folder holding its biome.json), so it lints at once
 * whatever the length of its name: the template's lines are laid out for a short one.
 */
function format(root: string, target: string): void {
  const biome = join(root, 'node_modules', '.bin', 'biome');
  const result = spawnSync(biome, ['format', '--write', target], {
    cwd: dirname(dirname(target)),
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    throw new Error(
      `biome format ${target} failed: ${result.error?.message ?? result.stderr ?? result.stdout}`,
    );
  }
}

/** One above the highest port a server of `root` declares (3100 when there is none). */
export function nextPort(root: string): number {
  return Math.max(FIRST_PORT - 1, ...discoverServers(root).map((s) => s.port)) + 1;
}

export function defaultTitle(name: string): string {
  const words = name.replace(/-/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** `internal-api` -> `internalApi`; `tickets2` -> `tickets2`. */
export function camelCase(name: string): string {
  return name.replace(/-([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
}

function placeholders(root: string, name: string, port: number, title: string): Map<string, string> {
  const camel = camelCase(name);
  const kit = JSON.parse(readFileSync(join(root, 'packages', 'kit', 'package.json'), 'utf8')) as {
    engines?: { node?: string };
    dependencies?: Record<string, string>;
    devDependencies?: Record<string, string>;
  };
  const values = new Map<string, string>([
    ['__name__', name],
    ['__title__', title],
    ['__camel__', camel],
    ['__Pascal__', camel.charAt(0).toUpperCase() + camel.slice(1)],
    ['__ENV__', settingsPrefix(name)],
    ['__port__', String(port)],
    ['__engines__', kit.engines?.node ?? '>=22.12'],
  ]);
  // The same versions the kit uses, so the lockfile needs no new package.
  for (const [dep, version] of Object.entries({ ...kit.dependencies, ...kit.devDependencies })) {
    values.set(`__version:${dep}__`, version);
  }
  return values;
}

function fill(text: string, values: ReadonlyMap<string, string>, file: string): string {
  return text.replace(/__(?:[A-Za-z]+|version:[@a-z0-9/._-]+)__/g, (placeholder) => {
    const value = values.get(placeholder);
    if (value === undefined) throw new Error(`template ${file}: unknown placeholder ${placeholder}`);
    return value;
  });
}

function templateFiles(dir: string, prefix = ''): string[] {
  return readdirSync(join(dir, prefix), { withFileTypes: true }).flatMap((entry) => {
    const path = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
    if (entry.isDirectory()) return templateFiles(dir, path);
    return entry.name.endsWith('.tmpl') ? [path] : [];
  });
}

function workspacePackages(root: string): { name: string; dir: string }[] {
  return PACKAGE_FOLDERS.flatMap((folder) => {
    let names: string[];
    try {
      names = readdirSync(join(root, folder));
    } catch {
      return [];
    }
    return names.flatMap((entry) => {
      const file = join(root, folder, entry, 'package.json');
      if (!existsSync(file)) return [];
      const { name } = JSON.parse(readFileSync(file, 'utf8')) as { name?: string };
      return typeof name === 'string' ? [{ name, dir: `${folder}/${entry}` }] : [];
    });
  });
}
