// `pnpm start`: serve every server on its embedded defaults, each in its own process, and stop them together.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const servers = [
  { name: 'notes (example)', entry: 'packages/kit/example/main.ts' },
  { name: 'docs', entry: 'apps/docs/src/main.ts' },
  { name: 'database', entry: 'apps/database/src/main.ts' },
  { name: 'github', entry: 'apps/github/src/main.ts' },
];
const root = fileURLToPath(new URL('..', import.meta.url));

const children = servers.map(({ name, entry }) => {
  const child = spawn(process.execPath, [entry], { cwd: root, stdio: 'inherit' });
  child.on('exit', (code, signal) => {
    if (signal === null && code !== 0) {
      console.error(`${name} exited with code ${code}; stopping the others.`);
      stopAll(code ?? 1);
    }
  });
  return child;
});

function stopAll(code: number): void {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  process.exitCode = code;
}

process.on('SIGINT', () => stopAll(0));
process.on('SIGTERM', () => stopAll(0));
