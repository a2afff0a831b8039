// Builds what `pnpm pack` ships: dist/ holds the JavaScript and the type declarations of everything the package's
// entries reach (tsconfig.build.json), so a project outside this repository runs and typechecks against the kit
// without compiling TypeScript from node_modules (Node does not strip types there).
import { spawnSync } from 'node:child_process';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { relativeTsSpecifiers, rewriteDeclarationSpecifiers } from './specifiers.ts';

const KIT = join(dirname(fileURLToPath(import.meta.url)), '..');
const DIST = join(KIT, 'dist');

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

await rm(DIST, { recursive: true, force: true });
const require = createRequire(import.meta.url);
const typescript = dirname(require.resolve('typescript/package.json'));
const bin = (
  JSON.parse(await readFile(join(typescript, 'package.json'), 'utf8')) as { bin: Record<string, string> }
).bin.tsc!;
const tsc = spawnSync(process.execPath, [join(typescript, bin), '-p', join(KIT, 'tsconfig.build.json')], {
  stdio: 'inherit',
});
if (tsc.status !== 0) {
  console.error(`kit build: tsc failed (exit ${tsc.status ?? tsc.signal})`);
  process.exit(1);
}

// tsc rewrites `./x.ts` to `./x.js` in the JavaScript but keeps `./x.ts` in the declarations
// (microsoft/TypeScript#61037); TypeScript accepts both, other tools and editors want the file that ships.
const files = await filesUnder(DIST);
for (const file of files.filter((f) => f.endsWith('.d.ts'))) {
  const text = await readFile(file, 'utf8');
  const rewritten = rewriteDeclarationSpecifiers(text);
  if (rewritten !== text) await writeFile(file, rewritten);
}
const left = [];
for (const file of files) {
  for (const specifier of relativeTsSpecifiers(await readFile(file, 'utf8'))) {
    left.push(`${relative(KIT, file)}: ${specifier}`);
  }
}
if (left.length > 0) {
  console.error(
    `kit build: source specifiers left in dist/ (nothing ships under that name):\n${left.join('\n')}`,
  );
  process.exit(1);
}
const js = files.filter((f) => f.endsWith('.js')).length;
console.log(`kit build: dist/ has ${js} modules and ${files.length - js} declaration files`);
