import { describe, expect, it } from 'vitest';
import { type BaselineEntry, type ConformanceCheck, compareWithBaseline } from './conformance-baseline.ts';

const FILE = 'docs/2026-07-28.json';
const ok = (id: string, details?: Record<string, unknown>): ConformanceCheck => ({
  id,
  status: 'SUCCESS',
  ...(details ? { details } : {}),
});
const failed = (id: string, errorMessage: string): ConformanceCheck => ({
  id,
  status: 'FAILURE',
  errorMessage,
});

/** A run where the server lists `search_docs` and a `docs://a` resource, plus the given scenarios. */
function run(scenarios: Record<string, ConformanceCheck[]>) {
  return new Map<string, ConformanceCheck[]>([
    ['tools-list', [ok('tools-list', { tools: ['search_docs'] })]],
    ['resources-list', [ok('resources-list', { resources: ['docs://a'] })]],
    ...Object.entries(scenarios),
  ]);
}
const why = 'A reason a reader can check against the code.';
const compare = (results: ReturnType<typeof run>, expected: BaselineEntry[]) =>
  compareWithBaseline(results, { expected }, FILE);

describe('compareWithBaseline', () => {
  it('accepts failures its entries explain, and reports what passed', () => {
    const result = compare(
      run({
        'completion-complete': [failed('completion-complete', 'Method not found')],
        'tools-call-image': [failed('tools-call-image', 'Failed: Unknown tool: test_image_content')],
      }),
      [
        { scenario: 'completion-complete', cause: 'gap', why },
        { scenario: 'tools-call-image', cause: 'suite-fixture', needs: ['test_image_content'], why },
      ],
    );
    expect(result.problems).toEqual([]);
    expect(result.passed).toEqual(['resources-list', 'tools-list']);
    expect(result.baselined.map((e) => e.scenario)).toEqual(['completion-complete', 'tools-call-image']);
  });

  it('reports a new failure, and a new warning, naming the file to add it to', () => {
    const result = compare(
      run({
        ping: [failed('ping', 'timeout')],
        'sep-2164-resource-not-found': [
          { id: 'sep-2164-data-uri', status: 'WARNING', errorMessage: 'no uri' },
        ],
      }),
      [],
    );
    expect(result.problems).toEqual([
      `ping/ping (FAILURE: timeout) is not in ${FILE}`,
      `sep-2164-resource-not-found/sep-2164-data-uri (WARNING: no uri) is not in ${FILE}`,
    ]);
  });

  it('says which entry to delete when a scenario now passes or did not run', () => {
    const result = compare(run({ 'completion-complete': [ok('completion-complete')] }), [
      { scenario: 'completion-complete', cause: 'gap', why },
      { scenario: 'gone', cause: 'by-design', why },
    ]);
    expect(result.problems).toEqual([
      `${FILE}: entry for scenario "gone": the scenario did not run; delete the entry`,
      `${FILE}: scenario "completion-complete" now passes: delete its entry`,
    ]);
  });

  it('holds an entry with checks to exactly those checks', () => {
    const result = compare(
      run({
        'server-stateless': [failed('a', 'Not testable'), ok('b'), failed('c', 'broken')],
      }),
      [{ scenario: 'server-stateless', checks: ['a', 'b'], cause: 'by-design', why }],
    );
    expect(result.problems).toEqual([
      `server-stateless/c (FAILURE: broken) is not in ${FILE} (entry "server-stateless" lists other checks)`,
      `${FILE}: scenario "server-stateless" check "b" now passes (or no longer runs): delete it from that entry's checks`,
    ]);
  });

  it('checks a suite-fixture claim against what the server listed and what the checks call unknown', () => {
    const result = compare(
      run({
        'tools-call-error': [failed('tools-call-error', 'Unknown tool: search_docs')],
        'resources-read-text': [failed('resources-read-text', 'MCP error -32002: No resource at docs://a.')],
        'prompts-get-simple': [failed('prompts-get-simple', 'Unknown prompt: test_simple_prompt')],
      }),
      [
        { scenario: 'tools-call-error', cause: 'suite-fixture', needs: ['test_error_handling'], why },
        { scenario: 'resources-read-text', cause: 'suite-fixture', needs: ['docs://a'], why },
        { scenario: 'prompts-get-simple', cause: 'suite-fixture', why },
      ],
    );
    expect(result.problems).toEqual([
      `tools-call-error/tools-call-error (FAILURE: Unknown tool: search_docs): "search_docs" is not one of the entry's "needs" in ${FILE}`,
      `${FILE}: entry for scenario "resources-read-text": the server lists "docs://a" itself, so the scenario does not fail for want of it`,
      `${FILE}: entry for scenario "prompts-get-simple" is a suite-fixture entry: name the suite's tools it calls in "needs"`,
    ]);
  });

  it('cannot confirm a suite-fixture claim without a listing from the same run', () => {
    const results = new Map([
      ['tools-call-image', [failed('tools-call-image', 'Unknown tool: test_image_content')]],
    ]);
    expect(
      compareWithBaseline(
        results,
        {
          expected: [
            { scenario: 'tools-call-image', cause: 'suite-fixture', needs: ['test_image_content'], why },
          ],
        },
        FILE,
      ).problems,
    ).toEqual([
      `${FILE}: entry for scenario "tools-call-image": cannot check "needs": the run has no tools-list/prompts-list listing`,
    ]);
  });

  it('requires every entry to say why, with a known cause, once', () => {
    const failing = { 'completion-complete': [failed('completion-complete', 'Method not found')] };
    const result = compare(run(failing), [
      { scenario: 'completion-complete', cause: 'gap', why: 'todo' },
      { scenario: 'completion-complete', cause: 'unsure' as never, why },
    ]);
    expect(result.problems).toEqual([
      `${FILE}: entry for scenario "completion-complete" needs a why (a sentence a reader can check)`,
      `${FILE}: entry for scenario "completion-complete" appears twice: merge them`,
      `${FILE}: entry for scenario "completion-complete": cause must be one of suite-fixture, by-design, gap`,
    ]);
  });
});
