import { describe, expect, it } from 'vitest';
import { sampleAuditRecord } from '../testing/audit-record.ts';
import { AUDIT_TEXT_BOUNDS, auditTargets, auditText, safeAuditRecord } from './text.ts';

describe('auditText', () => {
  it('leaves a clean string as it is (the same string)', () => {
    const clean = 'claude-code/1.2.3 — ünïcödé 名前 🚀';
    expect(auditText(clean, 256)).toBe(clean);
  });

  it('replaces a lone surrogate, high or low, with U+FFFD and keeps pairs', () => {
    expect(auditText('a\ud800b', 256)).toBe('a\ufffdb');
    expect(auditText('a\udc00', 256)).toBe('a\ufffd');
    expect(auditText('🚀\ud83d', 256)).toBe('🚀\ufffd');
    expect(auditText('a\ud800b', 256).isWellFormed()).toBe(true);
  });

  it('writes control, line-separator and bidi characters as visible escapes', () => {
    expect(auditText('a\u0000b\nc\u001b[31m\u007f\u0085', 256)).toBe(
      'a\\u0000b\\u000ac\\u001b[31m\\u007f\\u0085',
    );
    expect(auditText('evil\u202egnp.exe\u2028\u2066x\u061c', 256)).toBe(
      'evil\\u202egnp.exe\\u2028\\u2066x\\u061c',
    );
  });

  it('cuts to the bound, says how much it cut, and never splits a surrogate pair', () => {
    const long = 'x'.repeat(1000);
    const cut = auditText(long, 100);
    expect(cut.length).toBeLessThanOrEqual(100);
    expect(cut).toMatch(/^x+…\(\+\d+\)$/);
    const kept = cut.length - cut.replace(/^x+/, '').length;
    expect(cut.endsWith(`…(+${1000 - kept})`)).toBe(true);
    for (let max = 10; max < 30; max++) {
      const emoji = auditText('🚀'.repeat(50), max);
      expect(emoji.isWellFormed()).toBe(true);
      expect(emoji.length).toBeLessThanOrEqual(max);
    }
  });

  it('bounds the escaped form, not the raw one (escaping cannot overflow the bound)', () => {
    const text = auditText('\u0000'.repeat(100), 50);
    expect(text.length).toBeLessThanOrEqual(50);
  });
});

describe('auditTargets', () => {
  it('keeps up to the bound, then the first ones, a count of the rest, and the last (the refused one)', () => {
    const many = Array.from({ length: 100 }, (_, i) => `table:t${i}`);
    const bounded = auditTargets(many);
    expect(bounded).toHaveLength(AUDIT_TEXT_BOUNDS.targets);
    expect(bounded.at(-1)).toBe('table:t99');
    expect(bounded.at(-2)).toBe(`…(+${100 - (AUDIT_TEXT_BOUNDS.targets - 2) - 1} more)`);
    expect(bounded.slice(0, 3)).toEqual(['table:t0', 'table:t1', 'table:t2']);
    expect(auditTargets(['a\ud800'])).toEqual(['a\ufffd']);
  });
});

describe('safeAuditRecord', () => {
  it('returns the same object when nothing needs changing', () => {
    const record = sampleAuditRecord();
    expect(safeAuditRecord(record)).toBe(record);
  });

  it('makes every caller-controlled field safe, and the time canonical', () => {
    const record = sampleAuditRecord({
      actor: 'mallory\u0000',
      client: 'x\ud800/1',
      name: 'n'.repeat(5000),
      target: `t\n${'x'.repeat(5000)}`,
      targets: ['a\udc00'],
      approvalId: 'apr\u001b',
      time: '2030-01-01T00:00:00Z',
    });
    const safe = safeAuditRecord(record);
    expect(safe).toMatchObject({
      actor: 'mallory\\u0000',
      client: 'x\ufffd/1',
      targets: ['a\ufffd'],
      approvalId: 'apr\\u001b',
      time: '2030-01-01T00:00:00.000Z',
    });
    expect(safe.name.length).toBeLessThanOrEqual(AUDIT_TEXT_BOUNDS.name);
    expect(safe.target?.length).toBeLessThanOrEqual(AUDIT_TEXT_BOUNDS.target);
    expect(safe.target?.startsWith('t\\u000a')).toBe(true);
  });
});
