import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { authorize, type DiscoveredServer, loadPolicyFile, type Policy } from '@gatehouse/kit/operator';

/** What the inventory shows of one tool: its contract, what it costs, and which roles of the policy may call it. */
export interface ToolEntry {
  readonly name: string;
  readonly title?: string;
  readonly version?: string;
  readonly hash?: string;
  readonly access?: string;
  readonly scopes: readonly string[];
  readonly annotations: Readonly<Record<string, boolean>>;
  /** Tokens in tools/list (o200k): what the model sees, and the whole entry. */
  readonly tokens?: { readonly visible: number; readonly whole: number };
  /** Roles allowed to call it, each with whether a person must approve a call (and how). */
  readonly roles: readonly { readonly role: string; readonly approval: string }[];
}

export interface ServerEntry {
  readonly name: string;
  readonly title: string;
  readonly port: number;
  readonly tools: readonly ToolEntry[];
  /** Who gets which roles: policy actor entries and the default roles. */
  readonly actors: readonly { readonly actor: string; readonly roles: readonly string[] }[];
  /** What could not be read (a missing snapshot, a policy that does not parse): shown, not hidden. */
  readonly problems: readonly string[];
}

/**
 * Everything the inventory page shows, read from what the repository already keeps true: the contract snapshots
 * (version, hash, annotations; checked by each server's contract test), the server README's generated table
 * (access, scopes), the root README's token tables (measured by each server's tokens test), and the server's
 * embedded-default policy, judged by the kit's own `authorize`.
 */
export async function loadInventory(
  servers: readonly DiscoveredServer[],
  rootReadme: string | undefined,
): Promise<ServerEntry[]> {
  const root = rootReadme !== undefined && existsSync(rootReadme) ? readFileSync(rootReadme, 'utf8') : '';
  return Promise.all(servers.map((server) => loadServer(server, root)));
}

async function loadServer(server: DiscoveredServer, rootReadme: string): Promise<ServerEntry> {
  const problems: string[] = [];
  let policy: Policy | undefined;
  try {
    policy = await loadPolicyFile(server.policyFile);
  } catch (error) {
    problems.push(`policy ${server.policyFile}: ${(error as Error).message}`);
  }
  const declared = readmeTools(join(server.dir, 'README.md'));
  const tokens = tokenTable(rootReadme, server.name);
  const contracts = [
    join(server.dir, 'contracts', 'tools'),
    join(dirname(server.entryFile), 'contracts', 'tools'),
  ].find(existsSync);
  if (contracts === undefined) problems.push('no contract snapshots (contracts/tools)');
  const names = new Set([...declared.keys(), ...(contracts ? jsonNames(contracts) : [])]);
  const tools = [...names].map((name): ToolEntry => {
    const snapshot = contracts ? readSnapshot(join(contracts, `${name}.json`)) : undefined;
    const row = declared.get(name);
    const access = row?.access;
    const scopes = row?.scopes ?? [];
    return {
      name,
      ...(snapshot?.title === undefined ? {} : { title: snapshot.title }),
      ...(snapshot?.version === undefined ? {} : { version: snapshot.version, hash: snapshot.hash }),
      ...(access === undefined ? {} : { access }),
      scopes,
      annotations: snapshot?.annotations ?? {},
      ...(tokens.has(name) ? { tokens: tokens.get(name) } : {}),
      roles: policy === undefined ? [] : allowedRoles(policy, name, scopes, access),
    };
  });
  const actors = policy
    ? [
        ...Object.entries(policy.actors).map(([actor, entry]) => ({ actor, roles: entry.roles })),
        ...(policy.defaults.roles.length > 0
          ? [{ actor: 'everyone signed in (defaults)', roles: policy.defaults.roles }]
          : []),
      ]
    : [];
  return { name: server.name, title: server.title, port: server.port, tools, actors, problems };
}

/** Each role the policy defines, asked as the pipeline asks before it knows the target. */
function allowedRoles(policy: Policy, name: string, scopes: readonly string[], access: string | undefined) {
  const out: { role: string; approval: string }[] = [];
  for (const role of Object.keys(policy.roles)) {
    const decision = authorize(policy, {
      identity: { actor: `role:${role}`, roles: [role], scopes: [], via: 'api-key' },
      kind: 'tool',
      name,
      scopes,
      target: undefined,
      ...(access === 'read' || access === 'write' || access === 'destructive' ? { access } : {}),
    });
    if (decision.allowed) {
      out.push({
        role,
        approval: decision.approvalRequired
          ? decision.approvalMode === 'in_band'
            ? 'approval (in band)'
            : 'approval (a person, out of band)'
          : 'no approval',
      });
    }
  }
  return out;
}

/** The generated table of a server README: tool name → access and scopes. */
function readmeTools(file: string): Map<string, { access: string; scopes: string[] }> {
  const tools = new Map<string, { access: string; scopes: string[] }>();
  if (!existsSync(file)) return tools;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const m = /^\| tool \| `([^`]+)` \| (\w+) \| ([^|]*) \|/.exec(line);
    if (m)
      tools.set(m[1] as string, {
        access: m[2] as string,
        scopes: [...(m[3] as string).matchAll(/`([^`]+)`/g)].map((s) => s[1] as string),
      });
  }
  return tools;
}

/** The root README's token table of one server: tool → model-visible and whole-entry tokens. */
function tokenTable(readme: string, server: string): Map<string, { visible: number; whole: number }> {
  const table = new Map<string, { visible: number; whole: number }>();
  const start = readme.indexOf(`<!-- gatehouse:tokens ${server} `);
  const end = readme.indexOf(`<!-- /gatehouse:tokens ${server} -->`);
  if (start < 0 || end < start) return table;
  for (const m of readme.slice(start, end).matchAll(/^\| `([^`]+)` \| (\d+) \| (\d+) \|$/gm)) {
    table.set(m[1] as string, { visible: Number(m[2]), whole: Number(m[3]) });
  }
  return table;
}

function jsonNames(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -'.json'.length));
}

function readSnapshot(file: string) {
  if (!existsSync(file)) return undefined;
  const snapshot = JSON.parse(readFileSync(file, 'utf8')) as {
    version?: string;
    hash?: string;
    contract?: { title?: string; annotations?: Record<string, boolean> };
  };
  return {
    version: snapshot.version,
    hash: snapshot.hash,
    title: snapshot.contract?.title,
    annotations: snapshot.contract?.annotations,
  };
}
