// Drift: the document a tool is generated from can change under it (the API team ships a new version). At start,
// each generated tool's contract is compared with its snapshot (the `contracts/` folder the operator keeps, in
// the kit's snapshot format), and every change is named with whether it breaks clients and what to do: the same
// rules as the kit's contract check (a version bump, a major one when breaking, then the snapshot).
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type Access, breakingChanges } from '@gatehouse/kit';
import type { BuiltOperation } from './openapi/build.ts';
import { wireOf } from './openapi/check-tool.ts';
import type { LoadedServices } from './services.ts';

export interface DriftFinding {
  readonly tool: string;
  readonly target: string;
  /** `contract_drift` (changed, not versioned as it needs), `contract_versioned` (changed and bumped: update the snapshot), `contract_new`. */
  readonly code: 'contract_drift' | 'contract_versioned' | 'contract_new';
  readonly message: string;
}

interface Snapshot {
  readonly version: string;
  /** What tools/list shows: the kit's lighter schemas (no length caps or patterns; output's required fields). */
  readonly contract: Record<string, unknown>;
  /** The tool's schemas in full, which this check compares (the kit judges breaking changes on them too). */
  readonly declared?: { readonly inputSchema: unknown; readonly outputSchema: unknown };
}

// The hints the kit derives from access (this server is not open-world: it reaches only configured services); a
// read states only readOnlyHint and openWorldHint, as the kit lists it.
const HINTS: Record<Access, Record<string, boolean>> = {
  read: { readOnlyHint: true, openWorldHint: false },
  write: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
  destructive: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: false },
};

/** The parts of a tool's wire contract a document can change, in the kit's snapshot shape. */
function contractOf(built: BuiltOperation): Record<string, unknown> {
  const wire = wireOf(built);
  return {
    description: wire.description,
    inputSchema: wire.inputSchema,
    outputSchema: wire.outputSchema,
    annotations: HINTS[built.access],
  };
}

/** JSON with sorted keys, so two schemas compare by content. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}

const major = (version: string) => Number(version.split('.')[0]);

function sameParts(snapshot: Record<string, unknown>, current: Record<string, unknown>): boolean {
  const annotations = (snapshot.annotations ?? {}) as Record<string, unknown>;
  const hints = Object.fromEntries(
    Object.keys(current.annotations as object).map((k) => [k, annotations[k]]),
  );
  return (
    canonical({ ...pick(snapshot), annotations: hints }) ===
    canonical({ ...pick(current), annotations: current.annotations })
  );
}

function pick(contract: Record<string, unknown>) {
  const { description, inputSchema, outputSchema } = contract;
  return { description, inputSchema, outputSchema };
}

/** The findings; none when `dir` holds no snapshots at all (a container image leaves contracts/ out). */
export async function contractDrift(loaded: LoadedServices, dir: string): Promise<DriftFinding[]> {
  const findings: DriftFinding[] = [];
  if (!existsSync(join(dir, 'tools'))) return findings;
  for (const service of loaded.services) {
    for (const built of service.operations) {
      const id = built.operation.operationId ?? built.name;
      const setting = `operations.${id}.version`;
      const snapshot = await readSnapshot(join(dir, 'tools', `${built.name}.json`));
      const base = { tool: built.name, target: built.target };
      if (!snapshot) {
        findings.push({
          ...base,
          code: 'contract_new',
          message: `${built.name}: new tool (${built.version}), no snapshot in ${dir} yet`,
        });
        continue;
      }
      const current = contractOf(built);
      const before = { ...snapshot.contract, ...snapshot.declared };
      if (sameParts(before, current)) continue;
      const breaking = breakingChanges(before, current);
      const what = breaking.length > 0 ? `breaking: ${breaking.join('; ')}` : 'compatible';
      const versioned =
        built.version !== snapshot.version &&
        (breaking.length === 0 || major(built.version) > major(snapshot.version));
      findings.push({
        ...base,
        code: versioned ? 'contract_versioned' : 'contract_drift',
        message: versioned
          ? `${built.name}: the document changed its contract (${what}); ${setting} is ${built.version} (snapshot ${snapshot.version}): update the snapshot`
          : `${built.name}: the document changed its contract since snapshot ${snapshot.version} (${what}); bump ${setting} (${breaking.length > 0 ? 'major' : 'minor'}) and update the snapshot`,
      });
    }
  }
  return findings;
}

async function readSnapshot(file: string): Promise<Snapshot | undefined> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as Snapshot;
  } catch {
    return undefined;
  }
}
