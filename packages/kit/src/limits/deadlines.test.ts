import { describe, expect, it } from 'vitest';
import { Deadlines, type Expiring } from './deadlines.ts';

function entry(inMs: number, expired: string[], name: string): Expiring {
  return { dueAt: performance.now() + inMs, expire: () => expired.push(name) };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('Deadlines', () => {
  it('expires each entry once it is due, never before, earliest first', async () => {
    const deadlines = new Deadlines();
    const expired: string[] = [];
    const late = entry(60, expired, 'late');
    const early = entry(20, expired, 'early');
    deadlines.add(late);
    deadlines.add(early); // earlier than the armed one: re-arms
    await sleep(5);
    expect(expired).toEqual([]);
    await sleep(40);
    expect(expired).toEqual(['early']);
    expect(performance.now()).toBeGreaterThanOrEqual(early.dueAt);
    await sleep(60);
    expect(expired).toEqual(['early', 'late']);
    expect(deadlines.size).toBe(0);
  });

  it('never expires an entry deleted before it was due', async () => {
    const deadlines = new Deadlines();
    const expired: string[] = [];
    const done = entry(15, expired, 'done');
    const still = entry(30, expired, 'still');
    deadlines.add(done);
    deadlines.add(still);
    deadlines.delete(done);
    await sleep(60);
    expect(expired).toEqual(['still']);
    const gone = entry(10, expired, 'gone');
    deadlines.add(gone);
    deadlines.delete(gone);
    await sleep(30);
    expect(expired).toEqual(['still']);
  });

  it('holds thousands of entries with the same timeout on one timer, all expiring', async () => {
    const deadlines = new Deadlines();
    const expired: string[] = [];
    for (let i = 0; i < 2000; i++) deadlines.add(entry(10, expired, String(i)));
    await sleep(50);
    expect(expired).toHaveLength(2000);
    expect(deadlines.size).toBe(0);
  });
});
