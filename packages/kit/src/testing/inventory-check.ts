import type { ServerDefinition } from '../contracts/define.ts';
import { buildInventory } from '../contracts/inventory.ts';
import { checkTextFields } from './text-fields.ts';

const TOOL_NAME = /^[a-z][a-z0-9_]{1,63}$/;
const ACCESS = new Set(['read', 'write', 'destructive']);
/** major.minor.patch with an optional pre-release; no `+build`: the contract pin puts the hash there. */
const SEMVER = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/;
/** Rough token estimate (4 characters a token) of a tool as listed; the aim is under 150, the hard cap 400. */
export const TOOL_TOKEN_CAP = 400;
export const estimateTokens = (value: unknown) => Math.ceil(JSON.stringify(value).length / 4);

/**
 * The invariants every server's whole inventory must hold; each app's tests call this. Returns the problems
 * (empty when all hold), so a failing test names every one at once.
 */
export function checkInventory(definition: ServerDefinition): string[] {
  const problems: string[] = [];
  let inventory: ReturnType<typeof buildInventory>;
  try {
    inventory = buildInventory(definition);
  } catch (error) {
    return [`inventory cannot be built: ${(error as Error).message}`];
  }
  for (const { def, wire, declared } of inventory.tools.values()) {
    const p = (m: string) => problems.push(`tool ${def.name}: ${m}`);
    if (!TOOL_NAME.test(def.name)) p('name must be snake_case, 2-64 characters');
    if (!ACCESS.has(def.access)) p(`access must be read, write or destructive (got ${String(def.access)})`);
    if (!def.title.trim()) p('has no title');
    if (!def.description.trim()) p('has no description');
    if (!SEMVER.test(def.version)) p(`version ${def.version} is not semver (major.minor.patch, no +build)`);
    if (def.scopes.length === 0) p('requires no scope: every tool must require at least one');
    if (!def.output) p('has no output schema');
    const input = wire.inputSchema;
    for (const combinator of ['anyOf', 'oneOf', 'allOf']) {
      if (combinator in input)
        p(`input schema has a top-level ${combinator}; clients need a plain object schema`);
    }
    if (input.type !== 'object') p('input schema is not an object');
    if (wire.outputSchema.type !== 'object') p('output schema is not an object');
    const tokens = estimateTokens(wire);
    if (tokens > TOOL_TOKEN_CAP)
      p(`costs about ${tokens} tokens in tools/list (cap ${TOOL_TOKEN_CAP}); shorten it`);
    for (const path of [...(def.untrusted ?? []), ...Object.keys(def.trusted ?? {})]) {
      if (!path.split('.').every((s) => s === '*' || s.length > 0)) p(`path "${path}" is malformed`);
    }
    for (const problem of checkTextFields(def)) p(problem);
    if (def.paginate) {
      const items = (declared.outputSchema.properties as Record<string, { type?: string }> | undefined)?.[
        def.paginate.items
      ];
      if (items?.type !== 'array')
        p(`paginate.items "${def.paginate.items}" is not an array field of the output`);
    }
  }
  for (const [alias, target] of inventory.aliases) {
    if (!inventory.tools.has(target))
      problems.push(`alias ${alias} points at ${target}, which is not a tool`);
    if (!TOOL_NAME.test(alias)) problems.push(`alias ${alias} is not a valid tool name`);
  }
  for (const { def } of inventory.resources) {
    if (!SEMVER.test(def.version))
      problems.push(`resource ${def.name}: version ${def.version} is not semver`);
    if (def.scopes.length === 0) problems.push(`resource ${def.name}: requires no scope`);
    if (!/^[a-z][a-z0-9+.-]*:\/\//.test(def.uri))
      problems.push(`resource ${def.name}: uri ${def.uri} has no scheme`);
  }
  for (const { def } of inventory.prompts.values()) {
    if (!SEMVER.test(def.version)) problems.push(`prompt ${def.name}: version ${def.version} is not semver`);
    if (def.scopes.length === 0) problems.push(`prompt ${def.name}: requires no scope`);
  }
  return problems;
}
