import { describe, expect, it } from 'vitest';
import { ALICE, notesGate } from '../../test/fixtures.ts';
import { runRequest } from './run.ts';

const ctx = { identity: ALICE, approvalChannel: 'out-of-band' as const };

describe('runRequest', () => {
  it('writes exactly one audit record on every path: ok, refused, unknown, failed', async () => {
    const { gate, audit } = notesGate();
    await runRequest(gate, 'tools/call', { name: 'get_note', arguments: { id: 'n1' } }, ctx);
    await runRequest(gate, 'tools/call', { name: 'get_note', arguments: { id: 'zz' } }, ctx);
    await runRequest(gate, 'tools/call', { name: 'nope' }, ctx);
    await runRequest(gate, 'resources/read', { uri: 'nope://x' }, ctx);
    await runRequest(gate, 'tools/call', { name: 'get_note', arguments: { id: 'n9' } }, ctx);
    await runRequest(gate, 'prompts/list', {}, ctx);
    expect(
      audit.records.map((r) => `${r.kind}:${r.name}:${r.decision}:${r.outcome}:${r.code ?? ''}`),
    ).toEqual([
      'tool:get_note:allowed:ok:',
      'tool:get_note:denied:not_run:invalid_input',
      'tool:nope:denied:not_run:unknown_tool',
      'resource:nope://x:denied:not_run:unknown_resource',
      'tool:get_note:allowed:error:not_found',
      'list:prompts/list:allowed:ok:',
    ]);
  });

  it('answers a tool refusal as an error result and other kinds as JSON-RPC errors', async () => {
    const { gate } = notesGate();
    const tool = await runRequest(gate, 'tools/call', { name: 'get_note', arguments: {} }, ctx);
    expect(tool).toMatchObject({ kind: 'result', result: { isError: true } });
    const prompt = await runRequest(
      gate,
      'prompts/get',
      { name: 'summarize_notes', arguments: { x: 1 } },
      ctx,
    );
    expect(prompt).toMatchObject({ kind: 'protocol_error', code: -32602, data: { code: 'invalid_input' } });
  });

  it('answers tools/call without a name as invalid params, audited', async () => {
    const { gate, audit } = notesGate();
    const outcome = await runRequest(gate, 'tools/call', {}, ctx);
    expect(outcome).toMatchObject({ kind: 'protocol_error', code: -32602 });
    expect(audit.records.at(-1)).toMatchObject({ decision: 'denied', code: 'invalid_params' });
  });
});
