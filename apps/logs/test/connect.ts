import { fileURLToPath } from 'node:url';
import type { Identity } from '@gatehouse/kit';
import { connectInMemory, createMemoryAuditSink, loadPolicyFile } from '@gatehouse/kit/testing';
import { fileServer } from './fixtures.ts';

export const policy = await loadPolicyFile(fileURLToPath(new URL('../policy.default.yaml', import.meta.url)));
export const reader: Identity = { actor: 'rita', roles: ['reader'], scopes: [], via: 'stdio' };

/** The SDK client, in memory, through the kit's whole pipeline, over a files source at `root`. */
export async function connectFiles(
  root: string,
  options: Parameters<typeof fileServer>[1] & { outputBudgetBytes?: number; identity?: Identity } = {},
) {
  const { definition, boundaries } = fileServer(root, options);
  const audit = createMemoryAuditSink();
  const connection = await connectInMemory(definition, {
    policy,
    identity: options.identity ?? reader,
    audit,
    boundaries,
    ...(options.outputBudgetBytes ? { outputBudgetBytes: options.outputBudgetBytes } : {}),
  });
  return { ...connection, audit };
}
