export { APPROVER_ROLE, APPROVER_SCOPE, isApprover, parseApiKeys } from './keys.ts';
export { type ConsoleOptions, type RunningConsole, startConsole } from './server.ts';
