import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { writeGenerated } from '@gatehouse/deploy/generate';
import { REPOSITORY_ROOT } from '../servers.ts';
import { generateServer, nameProblem, nextPort } from './new-server.ts';

export const NEW_SERVER_HELP = `Usage: pnpm new-server <name> [--port <n>] [--title <text>] [--no-install]

Creates apps/<name>, a Gatehouse server in the standard layout: one read tool, one write tool, a resource, a
prompt, its settings schema, a default policy (roles reader, writer, approver), a README with the generated
inventory table, its contract snapshots and its tests. Then installs it into the workspace and runs its tests once
with GATEHOUSE_UPDATE_CONTRACTS=1, which writes the contracts, the README table and its block of the root
README's token table. It is discovered from its package.json: pnpm start, gatehouse host-config and the tests
find it without editing a list; its container entries (deploy/compose.yaml, deploy/k8s/servers/<name>/) are
generated at once.

Options:
  --port <n>       its default HTTP port (default: one above the highest port a server declares)
  --title <text>   what it serves, in a few words (default: from the name)
  --no-install     only write the files
  -h, --help       this help

Guide: docs/adding-a-server.md`;

/** `pnpm new-server`. Returns the exit code: 0 done, 1 a step failed, 2 usage error. */
export function newServerCommand(
  argv: readonly string[],
  root = REPOSITORY_ROOT,
  io = {
    out: (line: string) => process.stdout.write(`${line}\n`),
    err: (line: string) => process.stderr.write(`${line}\n`),
  },
): number {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    io.err(`${(error as Error).message}\n\n${NEW_SERVER_HELP}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.out(NEW_SERVER_HELP);
    return 0;
  }
  const [name, ...extra] = positionals;
  if (name === undefined || extra.length > 0) {
    io.err(`expected one server name\n\n${NEW_SERVER_HELP}`);
    return 2;
  }
  const port = values.port === undefined ? nextPort(root) : Number(values.port);
  if (!Number.isInteger(port) || port < 1024 || port > 65_535) {
    io.err(`--port: expected a whole number from 1024 to 65535, got ${values.port}`);
    return 2;
  }
  const problem = nameProblem(root, name);
  if (problem) {
    io.err(problem);
    return 2;
  }
  const files = generateServer(root, { name, port, ...(values.title ? { title: values.title } : {}) });
  io.out(`Created apps/${name} (port ${port}):\n${files.map((f) => `  ${f}`).join('\n')}`);
  // Its image, compose service and Kubernetes objects come from the same discovery (deploy/src/generate.ts).
  let deployed: string[];
  try {
    deployed = writeGenerated(root);
  } catch (error) {
    io.err(
      `writing the deploy files failed: ${(error as Error).message}\nfix it, then: pnpm --filter @gatehouse/deploy generate`,
    );
    return 1;
  }
  io.out(`Deploy entries (deploy/):\n${deployed.map((f) => `  ${f}`).join('\n')}`);
  if (values['no-install']) {
    io.out(nextSteps(name, true));
    return 0;
  }
  const pnpm = process.env.npm_execpath?.includes('pnpm')
    ? [process.execPath, process.env.npm_execpath]
    : ['pnpm'];
  const run = (args: string[], env: NodeJS.ProcessEnv = process.env) => {
    const [command, ...rest] = [...pnpm, ...args] as [string, ...string[]];
    io.out(`\n$ pnpm ${args.join(' ')}`);
    return spawnSync(command, rest, { cwd: root, env, stdio: 'inherit' }).status === 0;
  };
  // Offline first: the new package uses only versions the workspace already has.
  if (!run(['install', '--offline']) && !run(['install'])) {
    io.err(`pnpm install failed; run it, then: ${nextSteps(name, true)}`);
    return 1;
  }
  if (!run(['--filter', `@gatehouse/${name}`, 'test'], { ...process.env, GATEHOUSE_UPDATE_CONTRACTS: '1' })) {
    io.err(`the new server's tests failed: see above (apps/${name})`);
    return 1;
  }
  io.out(nextSteps(name, false));
  return 0;
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    options: {
      port: { type: 'string' },
      title: { type: 'string' },
      'no-install': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: true,
  });
}

function nextSteps(name: string, install: boolean): string {
  return [
    '',
    'Next:',
    ...(install
      ? [
          '  pnpm install',
          `  GATEHOUSE_UPDATE_CONTRACTS=1 pnpm --filter @gatehouse/${name} test   (writes contracts and the README tables)`,
        ]
      : []),
    `  replace apps/${name}/src/store.ts with the adapter to your upstream, and the tools with yours (docs/adding-a-server.md)`,
    '  pnpm typecheck && pnpm lint && pnpm test',
    `  if it calls an upstream, list it in deploy/upstreams.json (its network policy's egress), then pnpm --filter @gatehouse/deploy generate`,
    `  commit apps/${name}, deploy/ and pnpm-lock.yaml`,
  ].join('\n');
}
