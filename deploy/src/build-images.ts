// `pnpm --filter @gatehouse/deploy images [server...]`: builds the image of every discovered server (or the ones
// named) with podman from the repository's Dockerfile, and prints each image's size.
import { buildImage, podman } from './engine.ts';
import { deployTargets } from './targets.ts';

const wanted = process.argv.slice(2).filter((arg) => arg !== '--');
const targets = deployTargets().filter((t) => wanted.length === 0 || wanted.includes(t.server));
const unknown = wanted.filter((name) => !targets.some((t) => t.server === name));
if (unknown.length > 0) {
  process.stderr.write(
    `no such server: ${unknown.join(', ')} (servers: ${deployTargets()
      .map((t) => t.server)
      .join(', ')})\n`,
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
