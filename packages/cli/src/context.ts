/** What a command may touch of the outside world, so tests can run commands in process. */
export interface CommandContext {
  readonly env: NodeJS.ProcessEnv;
  /** Writes one line (a newline is added) to standard output: results only. */
  out(line: string): void;
  /** Writes one line to standard error: guidance, warnings, errors. */
  err(line: string): void;
  /** Aborted when the user interrupts (SIGINT): long-running commands stop cleanly. */
  readonly signal: AbortSignal;
}

/**
 * A context that collects output in memory, for tests. Its state folder does not exist unless `env` names one,
 * so a `./gatehouse start` running from the checkout never leaks into a test.
 */
export function memoryContext(env: NodeJS.ProcessEnv = {}, signal = new AbortController().signal) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const context: CommandContext = {
    env: { GATEHOUSE_STATE_DIR: '/nonexistent/gatehouse-test-state', ...env },
    out: (line) => stdout.push(line),
    err: (line) => stderr.push(line),
    signal,
  };
  return { context, stdout, stderr };
}
