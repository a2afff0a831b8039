// Drift: the document a tool is generated from can change under it (the API team ships a new version). At start,
// the kit compares each generated tool's contract with its snapshot (the `contracts/` folder the operator keeps)
// under its own contract rules (a version bump, a major one when breaking, then the snapshot); this names each
// change for the operator with the setting to bump.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { contractDrift as kitContractDrift, type ServerDefinition } from '@gatehouse/kit';
import type { LoadedServices } from './services.ts';

export interface DriftFinding {
  readonly tool: string;
  readonly target: string;
  /** `contract_drift` (changed, not versioned as it needs), `contract_versioned` (changed and bumped: update the snapshot), `contract_new`. */
  readonly code: 'contract_drift' | 'contract_versioned' | 'contract_new';
  readonly message: string;
}

const CODES = {
  new: 'contract_new',
  versioned: 'contract_versioned',
  unversioned: 'contract_drift',
} as const;

/** The findings for the generated tools; none when `dir` holds no snapshots at all (a container image leaves contracts/ out). */
export async function contractDrift(
  loaded: LoadedServices,
  definition: ServerDefinition,
  dir: string,
): Promise<DriftFinding[]> {
  if (!existsSync(join(dir, 'tools'))) return [];
  const generated = new Map(loaded.services.flatMap((s) => s.operations.map((o) => [o.name, o] as const)));
  const findings: DriftFinding[] = [];
  for (const drift of await kitContractDrift(definition, dir)) {
    const built = drift.kind === 'tool' ? generated.get(drift.name) : undefined;
    if (!built) continue; // the prompts are the server's own code, checked by its tests
    const setting = `operations.${built.operation.operationId ?? built.name}.version`;
    const what = drift.breaking.length > 0 ? `breaking: ${drift.breaking.join('; ')}` : 'compatible';
    const message =
      drift.status === 'new'
        ? `${drift.name}: new tool (${drift.version}), no snapshot in ${dir} yet`
        : drift.status === 'versioned'
          ? `${drift.name}: the document changed its contract (${what}); ${setting} is ${drift.version} (snapshot ${drift.snapshotVersion}): update the snapshot`
          : `${drift.name}: the document changed its contract since snapshot ${drift.snapshotVersion} (${what}); bump ${setting} (${drift.breaking.length > 0 ? 'major' : 'minor'}) and update the snapshot`;
    findings.push({ tool: drift.name, target: built.target, code: CODES[drift.status], message });
  }
  return findings;
}
