import { type StdioServerHandle, StdioServerTransport, serveStdio } from '@modelcontextprotocol/server/stdio';
import type { Identity } from '../identity.ts';
import { withFastLane } from '../protocol/fast-lane.ts';
import { createSdkServer } from '../protocol/sdk-server.ts';
import type { KitServer } from '../server.ts';

/**
 * stdio for local use: one client, one process, identity from the environment. The SDK owns the framing and
 * era negotiation; a persistent connection lets the 2025-era shim ask for approvals through elicitation.
 */
export function serveStdioTransport(kit: KitServer, identity: Identity): StdioServerHandle {
  return serveStdio(
    () =>
      createSdkServer(kit.gate, (server) => {
        const client = server.getClientVersion();
        return client ? { ...identity, client: { name: client.name, version: client.version } } : identity;
      }),
    {
      transport: withFastLane(new StdioServerTransport(), kit.gate, identity),
      onerror: (error) =>
        kit.gate.logger.warn(
          { err: kit.gate.redactor.redactText(String(error), {}) },
          'stdio protocol error',
        ),
    },
  );
}

/** The stdio caller: the configured actor, else the OS user, with the roles configured for local use. */
export function stdioIdentity(actor: string | undefined, roles: readonly string[], osUser: string): Identity {
  return { actor: actor || osUser, roles, scopes: [], via: 'stdio' };
}
