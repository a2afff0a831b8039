import { describe, it } from 'vitest';
import { expectKept, expectRedacted } from '../test-expect.ts';

describe('secrets in markup elements', () => {
  it.each([
    ['<password>', '<datasource><password>', 'Xk9#mQ2vL7pR', '</password></datasource>'],
    ['a namespaced element', '<ns:clientSecret>', 'Xk9mQ2vL7pRt', '</ns:clientSecret>'],
    ['Maven server', '<server><id>nexus</id><password>', 'Xk9mQ2vL7pRt', '</password></server>'],
  ])('%s', (_name, before, secret, after) => {
    expectRedacted(before, secret, after, 'secret_assignment');
  });

  it.each([
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a literal environment reference, the placeholder itself
    '<password><![CDATA[${DB_PASSWORD}]]></password>',
    '<passwordPolicy><minLength>12</minLength></passwordPolicy>',
    '<token>changeme</token>',
    '<p>Reset your password from the settings page.</p>',
  ])('keeps %s', (text) => {
    expectKept(text);
  });
});
