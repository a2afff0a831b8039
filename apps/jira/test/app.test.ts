import { describeServerApp } from '@gatehouse/kit/testing/app';
import { JiraSettingsSchema } from '../src/config.ts';
import { jiraServer } from '../src/server.ts';
import { jiraAccessFrom } from '../src/setup.ts';

// The tests every server shares (package.json, inventory invariants, contract snapshots, README table, default
// policy reach). The definition is built without a live Jira, with the write tools on so every contract is
// checked; nothing here calls a tool.
const settings = JiraSettingsSchema.parse({ projects: ['API'], writes: true });
describeServerApp(new URL('..', import.meta.url), jiraServer(jiraAccessFrom(settings), settings));
