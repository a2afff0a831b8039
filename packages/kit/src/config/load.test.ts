import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigError } from '../errors.ts';
import { closestMatch } from './closest-match.ts';
import { describeSettings } from './describe.ts';
import { envName } from './env.ts';
import { loadConfig } from './load.ts';

const Schema = z.object({
  port: z.number().int().min(1).max(65535).default(8080).describe('HTTP port.'),
  host: z.string().min(1).default('127.0.0.1'),
  verbose: z.boolean().default(false),
  ratio: z.number().gt(0).optional(),
  tags: z.array(z.string()).default([]),
  ports: z.array(z.number().int()).optional(),
  mode: z.enum(['fast', 'safe']).default('safe').describe('How hard to try.'),
  limits: z.object({ max: z.number() }).optional(),
  apiURL: z.url().optional(),
  signingKey: z.string().min(32).optional(),
  name: z.string(),
});

const prefix = 'GH_';

async function tempFile(name: string, text: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'config-'));
  const path = join(dir, name);
  await writeFile(path, text);
  return path;
}

async function problemsOf(promise: Promise<unknown>): Promise<readonly string[]> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConfigError);
  return (error as ConfigError).problems;
}

describe('envName', () => {
  it.each([
    ['port', 'GH_PORT'],
    ['fooBar', 'GH_FOO_BAR'],
    ['apiURL', 'GH_API_URL'],
    ['URLPath', 'GH_URL_PATH'],
    ['oauth2Issuer', 'GH_OAUTH2_ISSUER'],
    ['rateLimitRefillPerSecond', 'GH_RATE_LIMIT_REFILL_PER_SECOND'],
  ])('%s -> %s', (key, expected) => {
    expect(envName(prefix, key)).toBe(expected);
  });
});

describe('loadConfig', () => {
  it('applies schema defaults when nothing is set', async () => {
    const config = await loadConfig(Schema, { env: { GH_NAME: 'x' }, prefix });
    expect(config).toEqual({
      port: 8080,
      host: '127.0.0.1',
      verbose: false,
      tags: [],
      mode: 'safe',
      name: 'x',
    });
  });

  it('coerces environment strings from the schema types', async () => {
    const config = await loadConfig(Schema, {
      env: {
        GH_NAME: 'x',
        GH_PORT: ' 9000 ',
        GH_VERBOSE: 'TRUE',
        GH_RATIO: '0.5',
        GH_TAGS: 'a, b,,c',
        GH_PORTS: '[1, 2]',
        GH_MODE: 'fast',
        GH_LIMITS: '{"max": 3}',
        GH_API_URL: 'https://example.com/api',
      },
      prefix,
    });
    expect(config).toMatchObject({
      port: 9000,
      verbose: true,
      ratio: 0.5,
      tags: ['a', 'b', 'c'],
      ports: [1, 2],
      mode: 'fast',
      limits: { max: 3 },
      apiURL: 'https://example.com/api',
    });
  });

  it.each([
    ['1', true],
    ['0', false],
    ['false', false],
  ])('reads boolean %s', async (raw, expected) => {
    const config = await loadConfig(Schema, { env: { GH_NAME: 'x', GH_VERBOSE: raw }, prefix });
    expect(config.verbose).toBe(expected);
  });

  it('coerces comma-separated list items to the element type', async () => {
    const config = await loadConfig(Schema, { env: { GH_NAME: 'x', GH_PORTS: '80,443' }, prefix });
    expect(config.ports).toEqual([80, 443]);
  });

  it('treats an empty variable as unset', async () => {
    const config = await loadConfig(Schema, { env: { GH_NAME: 'x', GH_PORT: '' }, prefix });
    expect(config.port).toBe(8080);
  });

  it('takes env over file over defaults', async () => {
    const file = await tempFile('config.yaml', 'port: 7000\nhost: filehost\nname: fromfile\ntags: [x, y]\n');
    const config = await loadConfig(Schema, { env: { GH_PORT: '9000' }, prefix, file });
    expect(config).toMatchObject({
      port: 9000,
      host: 'filehost',
      name: 'fromfile',
      tags: ['x', 'y'],
      mode: 'safe',
    });
  });

  it('reads JSON files', async () => {
    const file = await tempFile('config.json', JSON.stringify({ name: 'j', verbose: true }));
    expect(await loadConfig(Schema, { env: {}, prefix, file })).toMatchObject({ name: 'j', verbose: true });
  });

  it('reports one problem per setting, naming variable, file key and expectation', async () => {
    const file = await tempFile('config.yaml', 'name: ok\nmode: slow\n');
    const problems = await problemsOf(
      loadConfig(Schema, {
        env: { GH_PORT: 'abc', GH_VERBOSE: 'yes', GH_RATIO: '0', GH_PORTS: '1,x', GH_LIMITS: '{bad' },
        prefix,
        file,
      }),
    );
    expect(problems).toEqual([
      `GH_PORT (or "port" in ${file}): expected an integer between 1 and 65535, got "abc"`,
      `GH_VERBOSE (or "verbose" in ${file}): expected true or false (or 1 or 0), got "yes"`,
      `GH_RATIO (or "ratio" in ${file}): expected a number greater than 0, got "0"`,
      `GH_PORTS (or "ports" in ${file}): expected a comma-separated list (or a JSON array) of integers, got "1,x"`,
      `"mode" in ${file} (or GH_MODE): expected one of "fast", "safe", got "slow"`,
      `GH_LIMITS (or "limits" in ${file}): expected a JSON object, got "{bad"`,
    ]);
  });

  it('names only the variable when there is no file, and reports missing required settings', async () => {
    const problems = await problemsOf(loadConfig(Schema, { env: { GH_PORT: '70000' }, prefix }));
    expect(problems).toEqual([
      'GH_PORT: expected an integer between 1 and 65535, got "70000"',
      'GH_NAME: required but not set',
    ]);
  });

  it('reports nested problems with their path', async () => {
    const problems = await problemsOf(
      loadConfig(Schema, { env: { GH_NAME: 'x', GH_LIMITS: '{"max":"3"}' }, prefix }),
    );
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^GH_LIMITS at max: .*expected number/);
  });

  it('does not echo secret values', async () => {
    const problems = await problemsOf(
      loadConfig(Schema, { env: { GH_NAME: 'x', GH_SIGNING_KEY: 'hunter2' }, prefix }),
    );
    expect(problems).toEqual([
      'GH_SIGNING_KEY: expected a string of at least 32 characters, got a value that is not shown (secret setting)',
    ]);
    expect(problems.join('\n')).not.toContain('hunter2');
  });

  it('reports unknown file keys with a suggestion', async () => {
    const file = await tempFile('config.yaml', 'prot: 1\nname: x\nAPI_URL: https://x\nzzzzzz: 1\n');
    const problems = await problemsOf(loadConfig(Schema, { env: {}, prefix, file }));
    expect(problems).toEqual([
      `"prot" in ${file}: unknown setting (did you mean "port"?)`,
      `"API_URL" in ${file}: unknown setting (did you mean "apiURL"?)`,
      `"zzzzzz" in ${file}: unknown setting`,
    ]);
  });

  it('reports an unreadable, malformed or non-mapping file', async () => {
    const missing = join(tmpdir(), 'no-such-dir', 'config.yaml');
    expect(await problemsOf(loadConfig(Schema, { env: {}, prefix, file: missing }))).toEqual([
      `${missing}: cannot read the config file (no such file)`,
    ]);
    const broken = await tempFile('broken.yaml', 'port: [1, 2\n');
    expect((await problemsOf(loadConfig(Schema, { env: {}, prefix, file: broken })))[0]).toMatch(/line/);
    const list = await tempFile('list.yaml', '- a\n- b\n');
    expect((await problemsOf(loadConfig(Schema, { env: {}, prefix, file: list })))[0]).toMatch(/top level/);
  });

  it('treats an empty file as no settings', async () => {
    const file = await tempFile('empty.yaml', '# nothing yet\n');
    expect((await loadConfig(Schema, { env: { GH_NAME: 'x' }, prefix, file })).port).toBe(8080);
  });

  it('reports custom refinement messages', async () => {
    const schema = z.object({
      even: z
        .number()
        .refine((n) => n % 2 === 0, 'must be even')
        .optional(),
    });
    expect(await problemsOf(loadConfig(schema, { env: { GH_EVEN: '3' }, prefix }))).toEqual([
      'GH_EVEN: must be even, got "3"',
    ]);
  });
});

describe('describeSettings', () => {
  it('describes every setting for the README', () => {
    const rows = describeSettings(Schema, prefix);
    expect(rows.find((r) => r.key === 'port')).toEqual({
      env: 'GH_PORT',
      key: 'port',
      type: 'integer (1-65535)',
      default: '8080',
      description: 'HTTP port.',
      required: false,
    });
    expect(rows.find((r) => r.key === 'mode')).toMatchObject({
      type: 'one of: fast, safe',
      default: 'safe',
      description: 'How hard to try.',
    });
    expect(rows.find((r) => r.key === 'ratio')).toMatchObject({
      type: 'number (greater than 0)',
      default: undefined,
    });
    expect(rows.find((r) => r.key === 'tags')).toMatchObject({ type: 'list of string', default: '[]' });
    expect(rows.find((r) => r.key === 'name')).toMatchObject({ type: 'string', required: true });
    expect(rows.find((r) => r.key === 'apiURL')).toMatchObject({ env: 'GH_API_URL', type: 'string (url)' });
    expect(rows.map((r) => r.key)).toEqual(Object.keys(Schema.shape));
  });
});

describe('closestMatch', () => {
  it('suggests near misses only', () => {
    expect(closestMatch('prot', ['port', 'host'])).toBe('port');
    expect(closestMatch('rate_limit', ['rateLimit', 'host'])).toBe('rateLimit');
    expect(closestMatch('banana', ['port', 'host'])).toBeUndefined();
  });
});
