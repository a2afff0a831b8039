// The contract snapshots under an app's `contracts/` folder, read the one way both of their users need: the test
// that keeps them (testing/contracts.ts: checkContracts) and the start-up check of a server whose contracts come
// from its configuration (drift.ts: contractDrift).
import { readFile } from 'node:fs/promises';
import type { DeclaredSchemas } from './contract.ts';
import type { ServerDefinition } from './define.ts';
import { buildInventory, type Inventory } from './inventory.ts';

export interface Snapshot {
  version: string;
  hash: string;
  /** The wire JSON without `_meta`. */
  contract: Record<string, unknown>;
  /** A tool's schemas in full (the wire shows lighter ones): what breaking changes are judged on. */
  declared?: DeclaredSchemas;
}

/** One tool, resource or prompt of a server as its snapshot holds it. */
export interface ContractEntry extends Snapshot {
  kind: 'tools' | 'resources' | 'prompts';
  name: string;
}

export type Semver = [number, number, number];

export function parseSemver(v: string): Semver | undefined {
  const m = /^(\d+)\.(\d+)\.(\d+)(?:[-+].*)?$/.exec(v);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : undefined;
}

export function compareSemver(a: Semver, b: Semver): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

function withoutMeta(wire: Record<string, unknown>): Record<string, unknown> {
  const { _meta: _ignored, ...rest } = wire;
  return rest;
}

/** Every contract of a server, in its snapshot's shape; the inventory too, for what else the caller needs. */
export function contractEntries(definition: ServerDefinition): { entries: ContractEntry[]; inventory: Inventory } {
  const inventory = buildInventory(definition);
  const entries: ContractEntry[] = [
    ...[...inventory.tools.values()].map((t) => ({
      kind: 'tools' as const,
      name: t.def.name,
      ...t.contract,
      contract: withoutMeta(t.wire),
      declared: t.declared,
    })),
    ...inventory.resources.map((r) => ({
      kind: 'resources' as const,
      name: r.def.name,
      ...r.contract,
      contract: withoutMeta(r.wire),
    })),
    ...[...inventory.prompts.values()].map((p) => ({
      kind: 'prompts' as const,
      name: p.def.name,
      ...p.contract,
      contract: withoutMeta(p.wire),
    })),
  ];
  return { entries, inventory };
}

/**
 * The contract with its schemas in full: what a client's calls must pass and what its results carry. (Snapshots
 * written before the wire showed lighter schemas have the full ones in `contract` itself.)
 */
export function asDeclared(snapshot: Snapshot): Record<string, unknown> {
  return snapshot.declared ? { ...snapshot.contract, ...snapshot.declared } : snapshot.contract;
}

/** The snapshot in `file`; undefined when there is none. */
export async function readSnapshot(file: string): Promise<Snapshot | undefined> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as Snapshot;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
