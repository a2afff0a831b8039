import { describe, it } from 'vitest';
import { expectKept, expectRedacted } from '../test-expect.ts';

describe('secrets in markup elements', () => {
  it.each([
    ['<password>', '<datasource><password>', 'Xk9#mQ2vL7pR', '</password></datasource>'],
    ['a namespaced element', '<ns:clientSecret>', 'Xk9mQ2vL7pRt', '</ns:clientSecret>'],
    ['Maven server', '<server><id>nexus</id><password>', 'Xk9mQ2vL7pRt', '</password></server>'],
    ['Java properties XML', '<entry key="db.password">', 'Xk9mQ2vL7pRt', '</entry>'],
    ['a property named by attribute', '<property name="password">', 'Xk9mQ2vL7pRt', '</property>'],
    [
      'Hadoop-style name/value',
      '<property>\n  <name>fs.s3a.secret.key</name>\n  <value>',
      'Xk9mQ2vL7pRt',
      '</value>',
    ],
  ])('%s', (_name, before, secret, after) => {
    expectRedacted(before, secret, after, 'secret_assignment');
  });

  it.each([
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a literal environment reference, the placeholder itself
    '<password><![CDATA[${DB_PASSWORD}]]></password>',
    '<passwordPolicy><minLength>12</minLength></passwordPolicy>',
    '<token>changeme</token>',
    '<entry key="timeout">30000</entry>',
    '<property><name>fs.defaultFS</name><value>hdfs://nn:8020</value></property>',
    '<p>Reset your password from the settings page.</p>',
  ])('keeps %s', (text) => {
    expectKept(text);
  });
});
