import { connect, type Socket } from 'node:net';
import type pg from 'pg';

/** What the pg driver keeps about a live connection but does not declare in its types. */
interface ConnectionInternals {
  readonly processID: number | null;
  readonly secretKey: number | null;
  readonly host: string;
  readonly port: number;
  readonly connection: { readonly stream: Socket };
}

function internals(client: pg.ClientBase): ConnectionInternals {
  return client as unknown as ConnectionInternals;
}

/** The socket under a pg client, to count the bytes a result brings and to cut it off. */
export function socketOf(client: pg.ClientBase): Socket {
  return internals(client).connection.stream;
}

const CANCEL_REQUEST_CODE = 80877102;

/**
 * Asks the server to cancel whatever the client's backend is running, with the protocol's CancelRequest
 * on a separate connection (no login, no SQL, so it works whatever the role may do). Destroying our own
 * socket alone would not stop a backend busy in a long statement. Best effort: resolves in any case.
 */
export function sendCancelRequest(client: pg.ClientBase, timeoutMs = 2000): Promise<void> {
  const { processID, secretKey, host, port } = internals(client);
  if (processID === null || secretKey === null) return Promise.resolve();
  return new Promise((resolve) => {
    const socket = host.startsWith('/') ? connect(`${host}/.s.PGSQL.${port}`) : connect(port, host);
    const done = () => {
      clearTimeout(timer);
      socket.destroy();
      resolve();
    };
    const timer = setTimeout(done, timeoutMs);
    socket.once('error', done);
    socket.once('close', done);
    socket.once('connect', () => {
      const packet = Buffer.alloc(16);
      packet.writeInt32BE(16, 0);
      packet.writeInt32BE(CANCEL_REQUEST_CODE, 4);
      packet.writeInt32BE(processID, 8);
      packet.writeInt32BE(secretKey, 12);
      // The server closes the connection once it has read the request.
      socket.end(packet);
    });
  });
}

/** Stops the backend's statement and cuts the client's connection so the pool cannot reuse it. */
export function stopBackend(client: pg.ClientBase): Promise<void> {
  const cancelled = sendCancelRequest(client);
  socketOf(client).destroy();
  return cancelled;
}
