/** Exit codes: 0 success, 1 a runtime failure (database down, record not found), 2 a usage error. */
export const ExitCode = { ok: 0, failure: 1, usage: 2 } as const;

/** The command line itself is wrong: unknown option, missing argument, bad value. Exit 2. */
export class UsageError extends Error {
  override name = 'UsageError';
  /** The help text of the command the mistake was made in, printed after the message. */
  readonly help: string | undefined;
  constructor(message: string, help?: string) {
    super(message);
    this.help = help;
  }
}

/** The command was right but could not be done: unreachable database, unknown id, a refused grant. Exit 1. */
export class CommandFailure extends Error {
  override name = 'CommandFailure';
}
