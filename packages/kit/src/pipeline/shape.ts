import type { Call } from './kinds/call.ts';

/**
 * Step 7, on everything the kit emits: the kind's output becomes its wire result with secrets and personal data
 * redacted, invisible and bidi characters stripped from every string, third-party text fenced and the byte budget
 * enforced (shaping.ts holds the shared parts). The request is `ok` only once its answer is shaped.
 */
export function shapeStep(call: Call): void {
  const { result, bytes } = call.handler.shape(call, call.output);
  call.result = result;
  call.audit.outputBytes = bytes;
  call.audit.outcome = 'ok';
}
