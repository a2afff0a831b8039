import { describeTokenCosts } from '@gatehouse/kit/testing/tokens';
import { describe } from 'vitest';
import { GitHubAccess } from '../src/access.ts';
import { TOOLSETS } from '../src/config.ts';
import { githubServer } from '../src/server.ts';

describe('the github server', () => {
  // Every toolset, writes included: the most a host can be shown. Listing calls no upstream.
  describeTokenCosts(
    async () => ({
      definition: githubServer(GitHubAccess.missing(['not needed for listing']), { toolsets: TOOLSETS }),
    }),
    { readme: new URL('../../../README.md', import.meta.url) },
  );
});
