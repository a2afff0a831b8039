/**
 * The one ordered list of steps every request passes, whatever its kind, and the one place that says which
 * step does not apply to which kind (and why). `run.ts` walks this list; nothing else decides the order.
 */
export const STEPS = [
  'identity',
  'authorize',
  'validate',
  'authorize_target',
  'rate_limit',
  'approve',
  'execute',
  'shape',
  'audit',
] as const;
export type Step = (typeof STEPS)[number];

export type RequestKind = 'tool' | 'resource' | 'prompt' | 'list' | 'completion' | 'ping';

/** Every MCP method a Gatehouse server answers, and the kind of request it is. */
export const METHOD_KINDS: Readonly<Record<string, RequestKind>> = {
  'tools/call': 'tool',
  'resources/read': 'resource',
  'prompts/get': 'prompt',
  'tools/list': 'list',
  'resources/list': 'list',
  'resources/templates/list': 'list',
  'prompts/list': 'list',
  'completion/complete': 'completion',
  ping: 'ping',
};

/**
 * Steps skipped for a kind, each with the reason. Identity, rate limit, execute and audit apply to every kind:
 * every request is someone's, costs something, and is on the record.
 */
export const SKIPPED: Readonly<Record<RequestKind, Partial<Record<Step, string>>>> = {
  tool: {},
  resource: { approve: 'resources only read' },
  prompt: { approve: 'prompts only read' },
  list: {
    authorize: 'every caller may list; each entry is filtered by the policy instead',
    authorize_target: 'a listing has no target of its own; each listed entry is checked against its target',
    approve: 'listing only reads',
  },
  completion: {
    authorize_target: 'a partial value names no target yet; completions come from the definition only',
    approve: 'completion only reads',
  },
  ping: {
    authorize: 'liveness is every authenticated caller’s',
    validate: 'ping takes no input',
    authorize_target: 'ping touches nothing',
    approve: 'ping changes nothing',
    shape: 'the answer is empty',
  },
};

export function applies(kind: RequestKind, step: Step): boolean {
  return SKIPPED[kind][step] === undefined;
}
