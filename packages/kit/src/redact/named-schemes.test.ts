import { describe, expect, it } from 'vitest';
import { failsNamedScheme } from './named-schemes.ts';

describe('a field name that names a checked scheme', () => {
  it('rejects values of the scheme length that fail its check', () => {
    expect(failsNamedScheme('cpf', '529.982.247-26')).toBe(true);
    expect(failsNamedScheme('customercpf', '52998224726')).toBe(true);
    expect(failsNamedScheme('bsn', '123456781')).toBe(true);
  });

  it('keeps valid values and values of other lengths (the name alone then decides)', () => {
    expect(failsNamedScheme('cpf', '529.982.247-25')).toBe(false);
    expect(failsNamedScheme('cpf', '12345-6')).toBe(false);
    expect(failsNamedScheme('nationalid', '529.982.247-26')).toBe(false);
  });
});
