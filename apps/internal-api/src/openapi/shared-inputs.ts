// Inputs many operations of one document share (GitHub's owner, repo, per_page, page) would carry the same
// description in every tool's schema, and every listed tool is paid for in every conversation. A parameter
// description that three or more operations of the document repeat is said once, in the server's instructions, and
// left out of each schema: the input keeps its name and type there, and a refusal still names it. Counted over the
// whole document, not the allowlist, so allowing one more operation never changes another tool's contract; only
// a changed document does (and start-up names that drift).
import type { LoadedSpec } from './load.ts';
import { type Operation, type Parameter, parameterObjects } from './operations.ts';
import { type JsonSchema, SchemaError, shortText } from './schema-zod.ts';

/** How many tools must share a description before it moves to the instructions. */
export const SHARED_MIN = 3;

/** The longest parameter description a schema (or the instructions) carries. */
export const PARAMETER_DESCRIPTION_MAX = 60;

/** Parameter name -> the description its tools share. */
export type SharedInputs = ReadonlyMap<string, string>;

export const parameterDescription = (parameter: Parameter) =>
  shortText(parameter.description, PARAMETER_DESCRIPTION_MAX);

/** The descriptions shared by SHARED_MIN or more of the operations (one whose parameters it cannot read counts none). */
export function sharedInputs(spec: LoadedSpec, operations: readonly Operation[]): SharedInputs {
  const counts = new Map<string, { name: string; description: string; tools: number }>();
  // Most parameters are one `$ref`'d object used by hundreds of operations (GitHub's owner, repo): shortened once.
  const shortened = new Map<JsonSchema, string | undefined>();
  for (const operation of operations) {
    let parameters: JsonSchema[];
    try {
      parameters = parameterObjects(spec, operation);
    } catch (error) {
      if (error instanceof SchemaError) continue; // reported if the operation is allowed and built
      throw error;
    }
    for (const parameter of parameters) {
      let description = shortened.get(parameter);
      if (!shortened.has(parameter)) {
        description = shortText(parameter.description, PARAMETER_DESCRIPTION_MAX);
        shortened.set(parameter, description);
      }
      if (!description || typeof parameter.name !== 'string') continue;
      const key = `${parameter.name}\u0000${description}`;
      const entry = counts.get(key) ?? { name: parameter.name, description, tools: 0 };
      entry.tools++;
      counts.set(key, entry);
    }
  }
  const shared = new Map<string, string>();
  for (const { name, description, tools } of [...counts.values()].sort((a, b) => b.tools - a.tools)) {
    // Two descriptions of one name both shared: the more common one moves, the other stays in its schemas.
    if (tools >= SHARED_MIN && !shared.has(name)) shared.set(name, description);
  }
  return shared;
}

/** The instructions' line for the shared inputs a service's tools use; undefined when they use none. */
export function sharedInputsLine(
  service: string,
  shared: SharedInputs,
  used: ReadonlySet<string>,
): string | undefined {
  const parts = [...shared]
    .filter(([name]) => used.has(name))
    .map(([name, description]) => `${name}: ${description.replace(/[.;]$/, '')}`);
  if (parts.length === 0) return undefined;
  return `Inputs of the ${service} tools: ${parts.join('; ')}.`;
}
