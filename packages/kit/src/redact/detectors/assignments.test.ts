import { describe, it } from 'vitest';
import { expectKept, expectRedacted } from '../test-expect.ts';

describe('secret_assignment', () => {
  const value = 'Xk9#mQ2vL7pR';
  it.each([
    ['env', 'DB_PASSWORD=', value, '\n'],
    ['env, quoted', 'JWT_SECRET="', value, '"\n'],
    ['YAML', 'database:\n  password: ', value, '\n  port: 5432'],
    ['JSON', '{"client_secret": "', value, '", "client_id": "abc"}'],
    ['compact JSON', '{"apiKey":"', value, '"}'],
    ['escaped JSON in a log line', 'body={\\"token\\":\\"', value, '\\"}'],
    ['JavaScript', "const config = { password: '", value, "' };"],
    ['Python', "DATABASES = {'default': {'PASSWORD': '", value, "'}}"],
    ['Ruby hash', 'secret_key => "', value, '"'],
    ['Go', 'apiKey := "', value, '"'],
    ['properties', 'spring.datasource.password=', value, '\n'],
    ['command line', 'psql --password=', value, ' --host db'],
    ['camelCase name', 'githubToken: ', value, '\n'],
    ['HTTP header', 'X-Api-Key: ', value, '\r\n'],
    ['Rails', 'SECRET_KEY_BASE=', value, '\n'],
    ['query string', '/callback?code=1&access_token=', value, '&state=2'],
    ['JSON escaped twice', '"{\\\\\\"password\\\\\\": \\\\\\"', value, '\\\\\\"}"'],
    ['HTML-escaped JSON', '&quot;password&quot;: &quot;', value, '&quot;'],
    ['HTML-escaped attribute', '&lt;add key=&quot;DbPassword&quot; value=&quot;', value, '&quot; /&gt;'],
    ['YAML literal block', 'db:\n  password: |\n    ', value, '\n  port: 5432'],
    ['YAML folded block', 'password: >-\n  ', value, '\nnext: 1'],
    ['Makefile ?=', 'PASSWORD ?= ', value, '\n'],
    ['a German key', 'db.passwort=', value, '\n'],
    ['a Portuguese key', 'senha: ', value, '\n'],
    ['an LDIF base64 value', 'dn: uid=bob,dc=acme\nuserPassword:: ', 'e1NTSEF9WGs5bVEydkw3cFI=', '\n'],
    ['a PHP subscript', "$cfg['Servers'][$i]['password'] = '", value, "';"],
    ['a Python subscript', 'config["db_password"] = "', value, '"'],
    ['a lower-case compound ending in pass', 'dbpass=', value, '\n'],
    ['a Wi-Fi pre-shared key', 'psk="', value, '"'],
  ])('%s', (_form, before, secret, after) => {
    expectRedacted(before, secret, after, 'secret_assignment');
  });

  it.each([
    ['an angle-bracket placeholder', 'API_TOKEN=<your-token>'],
    ['changeme', 'DB_PASSWORD=changeme'],
    ['a mask of x', 'api_key: xxxxxxxxxxxxxxxx'],
    ['a mask of stars', 'password: "********"'],
    ['three stars', 'password=***'],
    ['an env reference', `CLIENT_SECRET=\${CLIENT_SECRET}`],
    ['a shell variable', 'password=$DB_PASSWORD'],
    ['a template', 'token: "{{ secrets.GITHUB_TOKEN }}"'],
    ['a process.env reference', 'const password = process.env.DB_PASSWORD;'],
    ['a function call', 'password = getpass()'],
    ['a member access', 'token: config.auth.token'],
    ['a type annotation', 'password: Optional[str] = None'],
    ['a TypeScript type', 'token: string;'],
    ['null', '"password": null'],
    ['a redaction marker (idempotence)', 'password=[REDACTED:secret_assignment]'],
    ['an example', 'secret_key: your_secret_key_here'],
    ['too short to be a secret', 'token=abc'],
    ['a YAML block of prose under another key', 'description: >\n  The password is rotated monthly.'],
    ['Makefile += flags', 'CFLAGS += -O2 -Wall'],
    ['a name for the secret in its place', 'password: DB_PASSWORD'],
    ['a template of the name', 'api_key: {test_api_key}'],
    ['a counting sequence', 'api_key: 1234567890abcdef'],
    ['a word ending in pass', 'bypass=true'],
    ['a subscript with a variable', "$cfg['password'] = $pw;"],
  ])('keeps %s', (_name, text) => {
    expectKept(text);
  });

  it.each([
    ['token counts', 'usage: tokens_used=123456789 max_tokens=4096 token_count: 12345678'],
    ['a session id', 'session_id=4bf92f3577b34da6a3ce929d0e0e4736'],
    ['a pagination token', '"nextPageToken": "CiAKGjBpNDd2Nmp2Zml2cXRwYjBpOXA"'],
    ['a policy setting', 'password_policy=require-mixed-case-and-digits'],
    ['a length setting', 'PASSWORD_MIN_LENGTH=12'],
    ['a path to a secret file', 'DB_PASSWORD_FILE=/run/secrets/db_password'],
    ['the word password in prose', 'Please reset your password from the settings page.'],
    ['password followed by prose', 'password: please contact the administrator'],
    ["the shell's working directory", 'PWD=/home/alice/projects/gatehouse'],
    ['a comparison', 'if password == "": return'],
  ])('keeps %s', (_name, text) => {
    expectKept(text);
  });
});
