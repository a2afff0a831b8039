// The process that holds the local PostgreSQL for `./gatehouse start`. It runs detached, in its own process
// group, so the terminal's Ctrl-C (sent to the whole foreground group) does not stop the cluster while the
// servers are still writing their last audit records: `start` stops the servers first, then this process.
// It stops the cluster when asked (a `stop` message), and when `start` goes away without asking (the IPC
// channel closes: `start` was killed), so no PostgreSQL outlives it.
import { startEmbeddedPostgres } from '@gatehouse/embedded-pg';
import type { HolderReply, HolderRequest } from './cluster.ts';

const send = (reply: HolderReply) => process.send?.(reply);

process.once('message', async (request: HolderRequest) => {
  // PostgreSQL's own last lines, to say why it did not start.
  const log: string[] = [];
  try {
    const cluster = await startEmbeddedPostgres({
      ...(request.dataDir === undefined ? {} : { dataDir: request.dataDir }),
      password: request.password,
      port: request.port,
      onLog: (line) => {
        log.push(line.trim());
        if (log.length > 20) log.shift();
      },
    });
    let stopping: Promise<void> | undefined;
    const stop = () => {
      stopping ??= cluster.stop().then(
        () => process.exit(0),
        () => process.exit(1),
      );
      return stopping;
    };
    process.on('message', (message: HolderRequest | 'stop') => {
      if (message === 'stop') void stop();
    });
    process.once('disconnect', () => void stop());
    send({ ready: true, port: cluster.port });
  } catch (error) {
    const cause = (error as Error).cause;
    const why = cause instanceof Error ? `: ${cause.message}` : '';
    const tail = log.filter((line) => line !== '').slice(-5);
    send({
      ready: false,
      error: `${(error as Error).message}${why}${tail.length > 0 ? `\n  ${tail.join('\n  ')}` : ''}`,
    });
    process.exit(1);
  }
});
