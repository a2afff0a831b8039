import { describe, expect, it } from 'vitest';
import { baseToolName, snakeCase, uniqueName } from './tool-names.ts';

describe('tool names', () => {
  it('turns operationIds into snake_case', () => {
    expect(snakeCase('listPetsByTag')).toBe('list_pets_by_tag');
    expect(snakeCase('repos/get-content')).toBe('repos_get_content');
    expect(snakeCase('getHTTPStatus')).toBe('get_http_status');
    expect(snakeCase('2fa-reset')).toBe('op_2fa_reset');
    expect(snakeCase('x'.repeat(80))).toHaveLength(64);
  });

  it('names an operation without an id from its method and path', () => {
    expect(baseToolName({ method: 'get', path: '/orders/{id}', tags: [], raw: {} })).toBe('get_orders_id');
  });

  it('keeps names unique: the service as prefix, then a number', () => {
    const taken = new Set<string>();
    expect(uniqueName('get_order', 'shop', taken)).toBe('get_order');
    expect(uniqueName('get_order', 'shop', taken)).toBe('shop_get_order');
    expect(uniqueName('get_order', 'shop', taken)).toBe('get_order_2');
  });
});
