// `pnpm bench`: every benchmark, one after the other (they must not compete for the two cores).
import { main as database } from './database/run.ts';
import { main as docsSearch } from './docs-search/run.ts';
import { main as githubTokens } from './github-tokens/run.ts';
import { main as internalApi } from './internal-api/run.ts';
import { main as jiraTokens } from './jira-tokens/run.ts';
import { main as logs } from './logs/run.ts';
import { main as pipeline } from './pipeline/run.ts';
import { main as redaction } from './redaction/run.ts';
import { main as sharedState } from './shared-state/run.ts';

await pipeline();
console.log();
await redaction();
console.log();
await docsSearch();
console.log();
await database();
console.log();
await githubTokens();
console.log();
await jiraTokens();
console.log();
await sharedState();
console.log();
await internalApi();
console.log();
await logs();
