import { fileURLToPath } from 'node:url';
import { ConfigError, loadConfig, runServer } from '@gatehouse/kit';
import { GitHubSettingsSchema } from './config.ts';
import { githubServer } from './server.ts';
import { githubAccessFrom, githubBoundaries } from './setup.ts';

try {
  const settings = await loadConfig(GitHubSettingsSchema, {
    prefix: 'GATEHOUSE_GITHUB_',
    ...(process.env.GATEHOUSE_GITHUB_CONFIG ? { file: process.env.GATEHOUSE_GITHUB_CONFIG } : {}),
  });
  const access = await githubAccessFrom(settings);
  if (!access.configured) {
    process.stderr.write(
      '[github] not configured yet: tools are listed and each call explains what to set.\n',
    );
  }
  await runServer(githubServer(access, settings), {
    defaultPort: 3101,
    defaultPolicyFile: fileURLToPath(new URL('../policy.default.yaml', import.meta.url)),
    boundaries: githubBoundaries(settings),
  });
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`[github] cannot start.\n${error.message}\n`);
  process.exit(78);
}
