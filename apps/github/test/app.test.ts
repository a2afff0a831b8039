import { describeServerApp } from '@gatehouse/kit/testing/app';
import { GitHubAccess } from '../src/access.ts';
import { TOOLSETS } from '../src/config.ts';
import { githubServer } from '../src/server.ts';

// The tests every server shares (discovery, inventory, contracts, README table, default policy), with every
// toolset on; no GitHub is needed: nothing here calls a tool.
describeServerApp(
  new URL('..', import.meta.url),
  githubServer(GitHubAccess.missing(['not needed here']), { toolsets: TOOLSETS }),
);
