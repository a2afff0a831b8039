import { describe, expect, it } from 'vitest';
import { expectKept, expectRedacted, redact } from './test-expect.ts';
import { fake } from './test-fixtures.ts';

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

describe('authorization_header', () => {
  it.each([
    ['Bearer', 'Authorization: Bearer ', fake.opaque(1), '\r\n'],
    ['Basic', 'Authorization: Basic ', Buffer.from('svc:hunter2hunter2').toString('base64'), '\r\n'],
    ['token scheme', 'authorization: token ', fake.opaque(2, 40), '\n'],
    ['JSON header dump', '{"headers": {"Authorization": "Bearer ', fake.opaque(3), '", "Accept": "*/*"}}'],
    ['curl', "curl -H 'Authorization: Bearer ", fake.opaque(4), "' https://api.acme.test"],
    ['Proxy-Authorization', 'Proxy-Authorization: Basic ', fake.opaque(5, 24), '\n'],
    ['header array', '"authorization": ["Bearer ', fake.opaque(6), '"]'],
    ['Cookie header', 'Cookie: sid=', fake.opaque(7), '; theme=dark\n'],
    ['Set-Cookie header', 'Set-Cookie: session=', fake.opaque(8), '; HttpOnly; Secure\n'],
    ['a random-looking cookie of any name', 'Cookie: theme=dark; x=', fake.opaque(9), '\n'],
  ])('%s', (_form, before, secret, after) => {
    expectRedacted(before, secret, after, 'authorization_header');
  });

  it('names a JWT bearer token once, by its format', () => {
    const result = redact(`Authorization: Bearer ${fake.jwt()}`);
    expect(result.text).toBe('Authorization: Bearer [REDACTED:jwt]');
    expect(result.counts).toEqual({ jwt: 1 });
  });

  it('keeps analytics and preference cookies readable', () => {
    expectKept('Cookie: _ga=GA1.2.1234567890.1700000000; theme=dark; lang=en-GB');
  });

  it.each([
    `Authorization: Bearer \${TOKEN}`,
    'Authorization: Bearer <token>',
    'authorization: required',
    'Cookie: none',
  ])('keeps %s', (text) => {
    expectKept(text);
  });
});

describe('url_password', () => {
  it.each([
    ['postgres://app_user:', 'S3cr3t-Passw0rd', '@db.internal:5432/orders'],
    ['postgresql://svc:', 'p4ss', '@10.0.0.5/app?sslmode=require'],
    ['mysql://root:', 'r00tpw!', '@localhost:3306/shop'],
    ['mongodb+srv://admin:', 'Mongo123', '@cluster0.acme.mongodb.net/app'],
    ['redis://:', 'redisSecret42', '@cache.internal:6379/0'],
    ['amqp://guest:', 'rabbit-pass', '@mq:5672/'],
    ['https://deploy:', 'hunter2', '@git.acme.test/org/repo.git'],
    ['postgres://u:', 'p@ss:w0rd', '@db/app'],
  ])('%s…', (before, password, after) => {
    expectRedacted(before, password, after, 'url_password');
  });

  it.each([
    'https://api.acme.test:8443/v1/orders?page=2',
    'https://github.com/acme/api/pull/42',
    `postgres://user:\${DB_PASSWORD}@db:5432/app`,
    'postgres://user:password@localhost/app',
    'redis://cache.internal:6379/0',
    'see https://example.com/users/@alice for details',
  ])('keeps %s (no password, or a placeholder)', (text) => {
    expectKept(text);
  });
});
