import { describe, expect, it } from 'vitest';
import { ECS_FIELDS, entryFromDocument, FieldMappingSchema } from './fields.ts';

describe('entryFromDocument', () => {
  it('reads an ECS document through the default mapping (nested and flat dotted keys)', () => {
    const doc = {
      '@timestamp': '2026-12-07T10:00:00.000Z',
      'log.level': 'error',
      service: { name: 'checkout' },
      message: 'payment failed',
      trace: { id: 'abc123' },
      error: { type: 'TimeoutError', stack_trace: 'at pay()' },
    };
    expect(entryFromDocument(doc, ECS_FIELDS, 'logs-app')).toEqual({
      time: Date.UTC(2026, 11, 7, 10),
      level: 'error',
      service: 'checkout',
      message: 'payment failed',
      traceId: 'abc123',
      errorType: 'TimeoutError',
      stack: 'at pay()',
      origin: 'logs-app',
    });
  });

  it('reads pino and bunyan lines through the fallbacks', () => {
    const pino = { level: 50, time: Date.UTC(2026, 11, 7), name: 'orders', msg: 'boom', reqId: 'r-1' };
    expect(entryFromDocument(pino, ECS_FIELDS, 'a.log')).toMatchObject({
      level: 'error',
      service: 'orders',
      message: 'boom',
      traceId: 'r-1',
    });
  });

  it('honours a custom mapping first, and extra fields as text', () => {
    const mapping = FieldMappingSchema.parse({ service: 'kubernetes.container', message: 'log' });
    const doc = {
      time: '2026-12-07T10:00:00Z',
      kubernetes: { container: 'api' },
      log: 'hi',
      msg: 'no',
      http: { status: 502 },
    };
    expect(entryFromDocument(doc, mapping, 'x', ['http.status'])).toMatchObject({
      service: 'api',
      message: 'hi',
      fields: { 'http.status': '502' },
    });
  });

  it('gives nothing for a document without a readable timestamp', () => {
    expect(entryFromDocument({ message: 'when?' }, ECS_FIELDS, 'x')).toBeUndefined();
  });

  it('reads a logfmt message: its pairs fill what the document lacks, its msg is the message', () => {
    const doc = {
      '@timestamp': '2026-12-07T10:00:00Z',
      'service.name': 'billing',
      message: 'level=error service=ignored msg="charge failed" trace_id=t-7 code=51',
    };
    expect(entryFromDocument(doc, ECS_FIELDS, 'x', ['code'])).toEqual({
      time: Date.UTC(2026, 11, 7, 10),
      level: 'error',
      service: 'billing',
      message: 'charge failed',
      traceId: 't-7',
      origin: 'x',
      fields: { code: '51' },
    });
    // No time in the envelope: the pairs' own time places the line.
    expect(
      entryFromDocument({ log: 'time=2026-12-07T11:00:00Z level=info msg=ok' }, ECS_FIELDS, 'x'),
    ).toMatchObject({
      time: Date.UTC(2026, 11, 7, 11),
      level: 'info',
      message: 'ok',
    });
  });
});
