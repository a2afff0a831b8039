import { ErrorCode, ToolError } from '../errors.ts';

/**
 * Step 6's deadline: the handler gets a signal that aborts at the deadline or when the client cancels, and the
 * call ends then even if the handler ignores the signal, so no call outlives its timeout.
 */
export async function runWithDeadline<T>(
  timeoutMs: number,
  clientSignal: AbortSignal | undefined,
  run: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  let onClientAbort: (() => void) | undefined;
  const stopped = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      const error = new ToolError(
        ErrorCode.Timeout,
        `The call did not finish within its ${timeoutMs} ms deadline.`,
      );
      reject(error); // settle first, so the deadline wins over whatever the aborted handler throws
      controller.abort(error);
    }, timeoutMs);
    onClientAbort = () => {
      const error = new ToolError(ErrorCode.Cancelled, 'The client cancelled the call.');
      reject(error);
      controller.abort(error);
    };
    if (clientSignal?.aborted) onClientAbort();
    else clientSignal?.addEventListener('abort', onClientAbort, { once: true });
  });
  try {
    return await Promise.race([run(controller.signal), stopped]);
  } finally {
    clearTimeout(timer);
    if (onClientAbort) clientSignal?.removeEventListener('abort', onClientAbort);
  }
}
