import { describe, expect, it } from 'vitest';
import { type ExplainDocument, summarizePlan } from './plan-summary.ts';

const plan: ExplainDocument = {
  Plan: {
    'Node Type': 'Hash Join',
    'Join Type': 'Inner',
    'Total Cost': 5120.5,
    'Plan Rows': 120,
    'Hash Cond': '(o.customer_id = c.id)',
    Plans: [
      {
        'Node Type': 'Seq Scan',
        'Relation Name': 'orders',
        'Total Cost': 4800,
        'Plan Rows': 150,
        Filter: "(status = 'paid'::text)",
      },
      {
        'Node Type': 'Hash',
        'Total Cost': 20,
        'Plan Rows': 600,
        Plans: [
          { 'Node Type': 'Seq Scan', 'Relation Name': 'customers', 'Total Cost': 15, 'Plan Rows': 600 },
        ],
      },
    ],
  },
  'Planning Time': 0.4,
};

describe('summarizePlan', () => {
  it('lists nodes depth-first with estimates and conditions', () => {
    const summary = summarizePlan(plan, () => undefined);
    expect(summary).toMatchObject({
      totalCost: 5120.5,
      estimatedRows: 120,
      planningTimeMs: 0.4,
      nodeCount: 4,
    });
    expect(summary.nodes.map((n) => [n.depth, n.node])).toEqual([
      [0, 'Inner Hash Join'],
      [1, 'Seq Scan on orders'],
      [1, 'Hash'],
      [2, 'Seq Scan on customers'],
    ]);
    expect(summary.nodes[0]?.condition).toBe('Hash Cond: (o.customer_id = c.id)');
  });

  it('warns about sequential scans of big tables only', () => {
    const rows = new Map([
      ['orders', 2_000_000],
      ['customers', 600],
    ]);
    const { warnings } = summarizePlan(plan, (name) => rows.get(name));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(
      "Sequential scan of orders (about 2000000 rows) to apply (status = 'paid'::text)",
    );
  });

  it('under ANALYZE, reports actuals, misestimates and sorts that spill to disk', () => {
    const analyzed: ExplainDocument = {
      Plan: {
        'Node Type': 'Sort',
        'Total Cost': 10,
        'Plan Rows': 100,
        'Actual Rows': 50_000,
        'Actual Total Time': 812.5,
        'Sort Space Type': 'Disk',
        'Sort Key': ['placed_at'],
      },
      'Execution Time': 830.1,
    };
    const summary = summarizePlan(analyzed, () => undefined);
    expect(summary.executionTimeMs).toBe(830.1);
    expect(summary.nodes[0]).toMatchObject({
      actualRows: 50_000,
      actualTimeMs: 812.5,
      condition: 'Sort Key: placed_at',
    });
    expect(summary.warnings.join('\n')).toMatch(/spilled to disk/);
    expect(summary.warnings.join('\n')).toMatch(/estimated 100 rows, got 50000/);
  });
});
