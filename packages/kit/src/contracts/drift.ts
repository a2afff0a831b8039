// Drift: a server whose contracts come from its configuration (apps/internal-api builds its tools from an OpenAPI
// document) can have a contract change under it with no change to its code. At start it compares each contract
// with its snapshot, under the same rules the contract test applies (testing/contracts.ts): a change needs a
// version bump, a breaking one a major bump, then a new snapshot. The server says what it found; it still starts.
import { join } from 'node:path';
import { breakingChanges } from './breaking.ts';
import type { ServerDefinition } from './define.ts';
import { asDeclared, compareSemver, contractEntries, parseSemver, readSnapshot } from './snapshots.ts';

/**
 * Each tool, resource and prompt whose contract is not its snapshot's: `new` (no snapshot yet), `versioned`
 * (changed, and its version bumped as the change needs: the snapshot is what is behind) or `unversioned` (changed
 * without that bump), with the breaking changes found. A contract that matches its snapshot is left out.
 */
export async function contractDrift(definition: ServerDefinition, dir: string) {
  const found: {
    kind: 'tool' | 'resource' | 'prompt';
    name: string;
    version: string;
    snapshotVersion: string | undefined;
    status: 'new' | 'versioned' | 'unversioned';
    breaking: string[];
  }[] = [];
  for (const entry of contractEntries(definition).entries) {
    const kind = entry.kind.slice(0, -1) as 'tool' | 'resource' | 'prompt';
    const snapshot = await readSnapshot(join(dir, entry.kind, `${entry.name}.json`));
    const base = { kind, name: entry.name, version: entry.version };
    if (!snapshot) {
      found.push({ ...base, snapshotVersion: undefined, status: 'new', breaking: [] });
      continue;
    }
    if (snapshot.hash === entry.hash) continue;
    const breaking = breakingChanges(asDeclared(snapshot), asDeclared(entry));
    const now = parseSemver(entry.version);
    const then = parseSemver(snapshot.version);
    const versioned =
      now !== undefined &&
      then !== undefined &&
      compareSemver(now, then) > 0 &&
      (breaking.length === 0 || now[0] > then[0]);
    found.push({
      ...base,
      snapshotVersion: snapshot.version,
      status: versioned ? 'versioned' : 'unversioned',
      breaking,
    });
  }
  return found;
}
