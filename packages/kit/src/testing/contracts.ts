import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { breakingChanges } from '../contracts/breaking.ts';
import { contractSnapshotText } from '../contracts/contract.ts';
import type { ServerDefinition } from '../contracts/define.ts';
import {
  asDeclared,
  compareSemver,
  contractEntries,
  parseSemver,
  readSnapshot,
  type Snapshot,
} from '../contracts/snapshots.ts';
import { lineDiff } from './line-diff.ts';

/** The variable that asks the contract check (and the README table check) to write what is missing or stale. */
export const UPDATE_CONTRACTS_VARIABLE = 'GATEHOUSE_UPDATE_CONTRACTS';

/** Whether this run was asked to write snapshots: `GATEHOUSE_UPDATE_CONTRACTS=1 pnpm test`. */
export function updateRequested(env: NodeJS.ProcessEnv = process.env): boolean {
  return env[UPDATE_CONTRACTS_VARIABLE] === '1';
}

/**
 * Compares every tool, resource and prompt with its snapshot under `dir` and returns the problems: a contract
 * that changed without a version bump, a breaking change without a major bump, a snapshot that is out of date,
 * or a removed contract with no deprecated alias; each change comes with a diff of the wire JSON. With `update`
 * (default: GATEHOUSE_UPDATE_CONTRACTS=1), writes missing snapshots and those of every change that is correctly
 * versioned (never of one that is not: the version must be bumped first).
 */
export async function checkContracts(
  definition: ServerDefinition,
  dir: string,
  options: { update?: boolean } = {},
): Promise<string[]> {
  const update = options.update ?? updateRequested();
  const { entries, inventory } = contractEntries(definition);
  const problems: string[] = [];
  for (const entry of entries) {
    const file = join(dir, entry.kind, `${entry.name}.json`);
    const label = `${entry.kind.slice(0, -1)} ${entry.name}`;
    const version = parseSemver(entry.version);
    if (!version) {
      problems.push(`${label}: version "${entry.version}" is not semver (major.minor.patch)`);
      continue;
    }
    const old = await readSnapshot(file);
    const write = () =>
      writeSnapshot(file, {
        version: entry.version,
        hash: entry.hash,
        contract: entry.contract,
        ...(entry.declared ? { declared: entry.declared } : {}),
      });
    if (!old) {
      if (update) await write();
      else
        problems.push(
          `${label}: no contract snapshot at ${file}; write it with ${UPDATE_CONTRACTS_VARIABLE}=1 pnpm test`,
        );
      continue;
    }
    if (old.hash === entry.hash && old.version === entry.version) continue;
    const oldVersion = parseSemver(old.version) ?? [0, 0, 0];
    const diff = () => {
      const text = lineDiff(contractSnapshotText(old.contract), contractSnapshotText(entry.contract));
      return text === '' ? '' : `\n${text.replace(/^/gm, '    ')}`;
    };
    const order = compareSemver(version, oldVersion);
    if (order < 0) {
      problems.push(`${label}: version went backwards from ${old.version} to ${entry.version}`);
      continue;
    }
    if (old.hash !== entry.hash && order === 0) {
      problems.push(
        `${label}: contract changed but version is still ${entry.version}; bump it (major if breaking)${diff()}`,
      );
      continue;
    }
    if (old.hash !== entry.hash) {
      const breaking = breakingChanges(asDeclared(old), asDeclared(entry));
      if (breaking.length > 0 && version[0] === oldVersion[0]) {
        problems.push(
          `${label}: breaking change needs a major version bump (from ${old.version}): ${breaking.join('; ')}${diff()}`,
        );
        continue;
      }
    }
    if (update) await write();
    else
      problems.push(
        `${label}: snapshot is out of date (${old.version} -> ${entry.version}); write it with ${UPDATE_CONTRACTS_VARIABLE}=1 pnpm test${diff()}`,
      );
  }
  for (const kind of ['tools', 'resources', 'prompts'] as const) {
    for (const name of await listSnapshots(join(dir, kind))) {
      if (entries.some((e) => e.kind === kind && e.name === name)) continue;
      if (kind === 'tools' && inventory.aliases.has(name)) continue;
      problems.push(
        `${kind.slice(0, -1)} ${name}: was removed; keep the old name as a deprecated alias of its replacement, or delete its snapshot deliberately`,
      );
    }
  }
  return problems;
}

async function writeSnapshot(file: string, snapshot: Snapshot): Promise<void> {
  await mkdir(join(file, '..'), { recursive: true });
  await writeFile(file, contractSnapshotText(snapshot));
}

async function listSnapshots(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -'.json'.length));
  } catch {
    return [];
  }
}
