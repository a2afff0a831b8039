import type { Access } from '../define.ts';
import type { Redactor } from '../redact/index.ts';
import { escapeInvisible, stripInvisible } from '../redact/index.ts';
import { renderText } from '../render.ts';

export interface SummaryOf {
  readonly actor: string;
  readonly tool: { readonly name: string; readonly title: string; readonly access: Access };
  readonly target: string;
  readonly input: Record<string, unknown>;
}

/**
 * What an approver is asked to allow, in words a person can judge: who, which tool, on what, with which input.
 * Secrets are redacted, and every invisible or bidi character is shown as a visible escape (`\u202E`), so the
 * text cannot look like something other than what will run. A secret split by invisible characters (which the
 * redactor would not see whole) is redacted from the string with those characters removed.
 */
export function approvalSummary(redactor: Redactor, what: SummaryOf): string {
  const input = visible(redactor, redactor.redactValue(what.input, {}));
  const access = what.tool.access === 'destructive' ? 'DESTRUCTIVE ' : '';
  const text =
    `${what.actor} asks to run ${access}${what.tool.name} (${what.tool.title}) on ${what.target} with:\n` +
    renderText(input);
  return escapeInvisible(text);
}

/** Every string (keys too) with a secret hidden by invisible characters redacted; the rest is left as it is. */
function visible(redactor: Redactor, value: unknown): unknown {
  if (typeof value === 'string') return unsplit(redactor, value);
  if (Array.isArray(value)) return value.map((item) => visible(redactor, item));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [unsplit(redactor, key), visible(redactor, item)]),
    );
  }
  return value;
}

function unsplit(redactor: Redactor, text: string): string {
  const stripped = stripInvisible(text);
  if (stripped === text) return text;
  const counts = {};
  const redacted = redactor.redactText(stripped, counts);
  return Object.keys(counts).length === 0 ? text : `${redacted} [invisible characters removed]`;
}
