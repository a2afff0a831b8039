import { describe, expect, it } from 'vitest';
import { createNotebook, notesServer } from '../example/notes-server.ts';
import { buildInventory } from './contracts/inventory.ts';
import { createMetrics } from './metrics.ts';

const inventory = buildInventory(notesServer(createNotebook()));

describe('createMetrics', () => {
  it('labels declared names by name and every other name as unknown', () => {
    const metrics = createMetrics(inventory);
    metrics.observe('tool', 'get_note', 'ok', 3);
    metrics.observe('tool', 'no_such_tool', 'denied', 1);
    metrics.observe('tool', 'another"\nmade-up', 'denied', 1);
    metrics.observe('request', 'jsonrpc', 'denied', 1);
    metrics.observe('request', 'made/up/method', 'denied', 1);
    metrics.observe('list', 'tools/list', 'ok', 1);
    metrics.observe('completion', 'summarize_notes', 'ok', 1);
    metrics.observe('completion', 'notes://made-up/uri', 'error', 1);
    const text = metrics.render();
    expect(text).toContain('gatehouse_calls_total{server="notes",kind="tool",name="get_note"} 1');
    expect(text).toContain('gatehouse_denials_total{server="notes",kind="tool",name="unknown"} 2');
    expect(text).toContain('gatehouse_calls_total{server="notes",kind="request",name="jsonrpc"} 1');
    expect(text).toContain('gatehouse_calls_total{server="notes",kind="request",name="unknown"} 1');
    expect(text).toContain('gatehouse_calls_total{server="notes",kind="list",name="tools/list"} 1');
    expect(text).toContain(
      'gatehouse_calls_total{server="notes",kind="completion",name="summarize_notes"} 1',
    );
    expect(text).toContain('gatehouse_errors_total{server="notes",kind="completion",name="unknown"} 1');
    expect(text).not.toContain('no_such_tool');
    expect(text).not.toContain('made/up');
  });

  it('keeps the rendering small however many distinct names callers send', () => {
    const metrics = createMetrics(inventory);
    metrics.observe('tool', 'list_notes', 'ok', 1);
    const one = metrics.render().length;
    for (let i = 0; i < 20_000; i++) metrics.observe('tool', `tool_${i}_${'x'.repeat(200)}`, 'denied', 1);
    // One more series (kind=tool, name=unknown), not twenty thousand.
    expect(metrics.render().length).toBeLessThan(one * 2 + 100);
  });

  it('folds series past the cap into one', () => {
    const metrics = createMetrics(inventory, { maxSeries: 2 });
    metrics.observe('tool', 'list_notes', 'ok', 1);
    metrics.observe('tool', 'get_note', 'ok', 1);
    metrics.observe('prompt', 'summarize_notes', 'ok', 1);
    metrics.observe('resource', 'note', 'ok', 1);
    const text = metrics.render();
    expect(text.match(/^gatehouse_calls_total\{/gm)).toHaveLength(3);
    expect(text).toContain('gatehouse_calls_total{server="notes",kind="unknown",name="unknown"} 2');
  });
});
