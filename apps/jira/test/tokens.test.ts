import { describeTokenCosts } from '@gatehouse/kit/testing/tokens';
import { describe } from 'vitest';
import { JiraSettingsSchema } from '../src/config.ts';
import { jiraServer } from '../src/server.ts';
import { jiraAccessFrom } from '../src/setup.ts';

// What listing this server costs a model in every conversation, counted with a real tokenizer; fails past the aims
// (docs/contracts.md, Costs) and when the root README's token table disagrees (`pnpm tokens` rewrites it). With
// the write tools on, so every tool is counted; listing calls no Jira.
describe('the jira server', () => {
  describeTokenCosts(
    async () => {
      const settings = JiraSettingsSchema.parse({ projects: ['API'], writes: true });
      return { definition: jiraServer(jiraAccessFrom(settings), settings) };
    },
    { readme: new URL('../../../README.md', import.meta.url) },
  );
});
