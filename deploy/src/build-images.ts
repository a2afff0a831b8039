// `pnpm --filter @gatehouse/deploy images [name...]`: builds the image of every discovered server and of the CLI
// (the migration Job's), or the ones named, with podman from the repository's Dockerfile; prints each one's size.
import { buildImage, podman } from './engine.ts';
import { imageTargets } from './targets.ts';

const wanted = process.argv.slice(2).filter((arg) => arg !== '--');
const all = imageTargets();
const targets = all.filter((t) => wanted.length === 0 || wanted.includes(t.name));
const unknown = wanted.filter((name) => !all.some((t) => t.name === name));
if (unknown.length > 0) {
  process.stderr.write(
    `no such image: ${unknown.join(', ')} (images: ${all.map((t) => t.name).join(', ')})\n`,
  );
  process.exit(2);
}
for (const target of targets) {
  const started = Date.now();
  const image = await buildImage(target);
  const size = Number(await podman(['image', 'inspect', '--format', '{{.Size}}', image]));
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  process.stdout.write(`${image}\t${(size / 1e6).toFixed(1)} MB\tbuilt in ${seconds} s\n`);
}
