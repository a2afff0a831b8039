import type { Access } from '../contracts/define.ts';
import type { Redactor } from '../redact/index.ts';
import { escapeInvisible, stripInvisible } from '../redact/index.ts';
import { renderText } from '../shape/render.ts';

export interface SummaryOf {
  readonly actor: string;
  readonly tool: { readonly name: string; readonly title: string; readonly access: Access };
  readonly target: string;
  readonly input: Record<string, unknown>;
}

/**
 * What an approver is asked to allow, in words a person can judge: who, which tool, on what, with which input.
 * Secrets are redacted, and every invisible or bidi character is shown as a visible escape (`\u202E`) where it
 * is, so the text cannot look like something other than what will run. A string in which the redactor finds a
 * secret only once those characters are removed is shown redacted, without them, and says so.
 */
export function approvalSummary(redactor: Redactor, what: SummaryOf): string {
  const input = redactor.redactValue(visible(redactor, what.input), {});
  const access = what.tool.access === 'destructive' ? 'DESTRUCTIVE ' : '';
  const text =
    `${what.actor} asks to run ${access}${what.tool.name} (${what.tool.title}) on ${what.target} with:\n` +
    renderText(input);
  // Keys, the actor and the target are escaped here; strings were escaped (or redacted) above.
  return escapeInvisible(text);
}

/** Every string of a JSON-like value in the form an approver sees (keys are escaped with the whole text). */
function visible(redactor: Redactor, value: unknown): unknown {
  if (typeof value === 'string') return shown(redactor, value);
  if (Array.isArray(value)) return value.map((item) => visible(redactor, item));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, visible(redactor, item)]));
  }
  return value;
}

function shown(redactor: Redactor, text: string): string {
  const stripped = stripInvisible(text);
  if (stripped === text) return text;
  const redacted = redactor.redactText(stripped, {});
  return redacted === stripped ? escapeInvisible(text) : `${redacted} [invisible characters removed]`;
}
