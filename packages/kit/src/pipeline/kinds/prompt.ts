import type { InventoryPrompt } from '../../contracts/inventory.ts';
import { ErrorCode, ToolError } from '../../errors.ts';
import { byteLength } from '../../limits/budget.ts';
import { fitText, shapeText } from '../shaping.ts';
import { parseInput } from '../validate.ts';
import { type KindHandler, readSubject, resolveTo } from './call.ts';
import { protocolFailure } from './protocol-errors.ts';

export interface PromptState {
  readonly prompt: InventoryPrompt;
}

interface MessageWire {
  role: 'user' | 'assistant';
  content: { type: 'text'; text: string };
}

/** prompts/get: arguments validated like a tool's input, messages shaped like any output (prompts only read). */
export const promptHandler: KindHandler<PromptState> = {
  resolve(call) {
    const name = call.params.name;
    if (typeof name !== 'string') {
      throw new ToolError('invalid_params', 'prompts/get needs params.name (the prompt name).');
    }
    call.audit.name = name;
    const prompt = call.gate.inventory.prompts.get(name);
    if (!prompt) throw new ToolError(ErrorCode.UnknownPrompt, `Unknown prompt: ${name}`);
    resolveTo(call, readSubject('prompt', prompt.def));
    call.state = { prompt };
  },

  validate(call) {
    const def = (call.state as PromptState).prompt.def;
    call.input = parseInput(def.args, call.params.arguments, def.name) as Record<string, unknown>;
  },

  target: (call) => (call.state as PromptState).prompt.def.target(call.input),

  execute(call, ctx) {
    const def = (call.state as PromptState).prompt.def;
    return def.render(call.input, { identity: call.context.identity, ...ctx });
  },

  shape(call, output) {
    const def = (call.state as PromptState).prompt.def;
    const messages = output as readonly { role: 'user' | 'assistant'; text: string }[];
    let room = call.gate.outputBudgetBytes;
    let cut = 0;
    const wire: MessageWire[] = [];
    for (const m of messages) {
      const fitted = fitText(shapeText(call.gate, m.text, call.audit.redactions), Math.max(0, room));
      cut += fitted.cutBytes;
      room -= byteLength(fitted.text);
      if (fitted.text.length > 0 || fitted.cutBytes === 0) {
        wire.push({ role: m.role, content: { type: 'text', text: fitted.text } });
      }
    }
    const last = wire.at(-1);
    if (cut > 0 && last) {
      last.content.text += `\n[Output budget: ${cut} bytes of this prompt cut.]`;
    }
    const bytes = wire.reduce((n, m) => n + byteLength(m.content.text), 0);
    return { result: { description: def.description, messages: wire }, bytes };
  },

  fail: (call, error) =>
    protocolFailure(
      new ToolError(error.code, call.gate.redactor.redactText(error.message, {}), {
        ...(error.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: error.retryAfterSeconds }),
      }),
    ),
};
