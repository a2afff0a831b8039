export { APPROVER_ROLE, APPROVER_SCOPE, isApprover, parseApiKeys } from './keys.ts';
export { oauthFromEnv } from './oauth-env.ts';
export { type ConsoleOptions, type RunningConsole, startConsole } from './server.ts';
