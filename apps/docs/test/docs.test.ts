import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { connectInMemory, type InMemoryConnection } from '@gatehouse/kit/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { FILES, HANDBOOK_ONLY, makeCollection, makeServer, promptText, READER } from './fixtures.ts';

const open: InMemoryConnection[] = [];
const libraries: { close(): void }[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.close()));
  for (const l of libraries.splice(0)) l.close();
});

async function setup(identity = READER) {
  const { root, outside } = await makeCollection();
  const server = await makeServer(root);
  libraries.push(server.library);
  const connection = await connectInMemory(server.definition, { ...server.options, identity });
  open.push(connection);
  return { ...server, root, outside, client: connection.client };
}

const data = <T>(result: { structuredContent?: unknown }) => result.structuredContent as T;
const textOf = (result: { content?: unknown }) =>
  ((result.content ?? []) as { text?: string }[]).map((part) => part.text ?? '').join('\n');

describe('search_docs', () => {
  it('finds the section that answers, naming document and anchor', async () => {
    const { client } = await setup();
    const result = await client.callTool({
      name: 'search_docs',
      arguments: { query: 'no space left on device' },
    });
    const [top] = data<{ results: { path: string; anchor: string; section: string }[] }>(result).results;
    expect(top).toMatchObject({ path: 'runbooks/disk-space-low.md', anchor: 'symptoms' });
    expect(top?.section).toContain('Symptoms');
  });

  it('tolerates a typo and filters by type', async () => {
    const { client } = await setup();
    const result = await client.callTool({
      name: 'search_docs',
      arguments: { query: 'rabitmq', type: 'adr' },
    });
    const paths = data<{ results: { path: string }[] }>(result).results.map((r) => r.path);
    expect(paths[0]).toBe('adr/0001-queue.md');
    expect(paths.every((p) => p.startsWith('adr/'))).toBe(true);
  });

  it('only searches collections the caller may read', async () => {
    const { client } = await setup(HANDBOOK_ONLY);
    const everywhere = await client.callTool({ name: 'search_docs', arguments: { query: 'disk' } });
    expect(everywhere.isError).toBe(true);
    const scoped = await client.callTool({
      name: 'search_docs',
      arguments: { query: 'disk', collection: 'team' },
    });
    expect(scoped.isError).toBeFalsy();
  });
});

describe('read_doc', () => {
  it('reads one section with its subsections, as Markdown with its anchors', async () => {
    const { client } = await setup();
    const result = await client.callTool({
      name: 'read_doc',
      arguments: { collection: 'team', path: 'runbooks/disk-space-low.md', anchor: 'mitigation' },
    });
    const doc = data<{ title: string; owner: string; sections: string[] }>(result);
    expect(doc.title).toBe('DiskSpaceLow');
    expect(doc.owner).toBe('team-platform');
    expect(doc.sections).toEqual([
      '## Mitigation {#mitigation}\n\n1. Find the largest tables with the [schema reference](../reference/schema.md#tables).\n2. Run `VACUUM` on bloated tables.',
      '### Escalation {#escalation}\n\nPage team-platform.',
    ]);
  });

  it('shows the model readable Markdown: headings and paragraphs on their own lines, fenced as untrusted', async () => {
    const { client } = await setup();
    const text = textOf(
      await client.callTool({
        name: 'read_doc',
        arguments: { collection: 'team', path: 'runbooks/disk-space-low.md' },
      }),
    );
    const lines = text.split('\n').map((line) => line.trim());
    for (const heading of [
      '# Disk space low {#disk-space-low}',
      '## Symptoms {#symptoms}',
      '### Escalation {#escalation}',
    ])
      expect(lines).toContain(heading);
    expect(lines).toContain('Writes fail with `No space left on device`.');
    expect(text).not.toContain('\\n');
    // Every line of the document sits inside a fence: after an opening tag, before its closing one.
    let inside = false;
    for (const line of lines) {
      if (line.startsWith('<untrusted-data')) inside = true;
      else if (line === '</untrusted-data>') inside = false;
      else if (/VACUUM|Escalation|Symptoms|Page team-platform/.test(line)) expect(inside, line).toBe(true);
    }
  });

  it('pages a long document by section within the byte budget', async () => {
    const long = Array.from(
      { length: 40 },
      (_, i) => `## Step ${i + 1}\n\n${'Check the volume. '.repeat(60)}`,
    );
    const { root } = await makeCollection({
      ...FILES,
      'runbooks/long.md': `# Long\n\n${long.join('\n\n')}\n`,
    });
    const server = await makeServer(root);
    libraries.push(server.library);
    const connection = await connectInMemory(server.definition, { ...server.options, identity: READER });
    open.push(connection);
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 10; page++) {
      const result = await connection.client.callTool({
        name: 'read_doc',
        arguments: { collection: 'team', path: 'runbooks/long.md', ...(cursor ? { cursor } : {}) },
      });
      const doc = data<{ sections: string[]; nextCursor?: string }>(result);
      expect(Buffer.byteLength(JSON.stringify(result.structuredContent))).toBeLessThanOrEqual(24 * 1024);
      // Whole sections only: each page starts at a heading.
      for (const section of doc.sections) expect(section).toMatch(/^#{1,2} /);
      seen.push(...doc.sections.map((section) => section.split('\n', 1)[0] ?? ''));
      cursor = doc.nextCursor;
      if (!cursor) break;
    }
    expect(seen).toEqual(['# Long {#long}', ...long.map((_, i) => `## Step ${i + 1} {#step-${i + 1}}`)]);
  });

  it('refuses paths that try to leave the collection as bad input, naming the rule, and names unknown anchors', async () => {
    const { client } = await setup();
    for (const path of [
      '../../etc/passwd',
      '../secret.md',
      'notes/../../secret.md',
      '/etc/passwd',
      'a\\b.md',
    ]) {
      const result = await client.callTool({ name: 'read_doc', arguments: { collection: 'team', path } });
      expect(result.isError, path).toBe(true);
      expect(result._meta?.['dev.gatehouse/error'], path).toEqual({ code: 'invalid_input' });
      expect(JSON.stringify(result.content), path).toContain('path: must stay inside the collection');
    }
    // A symlink out of the collection is a file the server never serves: not found, like any missing file.
    const escaping = await client.callTool({
      name: 'read_doc',
      arguments: { collection: 'team', path: 'notes/escape.md' },
    });
    expect(escaping._meta?.['dev.gatehouse/error']).toEqual({ code: 'not_found' });
    expect(JSON.stringify(escaping)).not.toContain('outside world');
    const anchor = await client.callTool({
      name: 'read_doc',
      arguments: { collection: 'team', path: 'runbooks/disk-space-low.md', anchor: 'nope' },
    });
    expect(JSON.stringify(anchor.content)).toContain('symptoms');
  });

  it('answers an unknown collection with the collections there are, wherever one is named', async () => {
    const { client } = await setup();
    const calls = [
      { name: 'read_doc', arguments: { collection: 'handbok', path: 'runbooks/disk-space-low.md' } },
      { name: 'related_docs', arguments: { collection: 'handbok', path: 'adr/0001-queue.md' } },
      { name: 'list_docs', arguments: { collection: 'handbok' } },
      { name: 'search_docs', arguments: { query: 'disk', collection: 'handbok' } },
    ];
    for (const call of calls) {
      const result = await client.callTool(call);
      expect(result._meta?.['dev.gatehouse/error'], call.name).toEqual({ code: 'not_found' });
      expect((result.content as { text: string }[])[0]?.text, call.name).toBe(
        'Error not_found: No collection named handbok. Collections: team.',
      );
    }
    await expect(
      client.getPrompt({
        name: 'follow_runbook',
        arguments: { collection: 'handbok', alert: 'DiskSpaceLow' },
      }),
    ).rejects.toThrow('No collection named handbok. Collections: team.');
  });

  it('names only the collections the caller may read; others are refused before the lookup', async () => {
    const { client } = await setup(HANDBOOK_ONLY);
    const result = await client.callTool({
      name: 'read_doc',
      arguments: { collection: 'handbok', path: 'runbooks/disk-space-low.md' },
    });
    expect(result._meta?.['dev.gatehouse/error']).toEqual({ code: 'forbidden' });
  });
});

describe('list_docs and related_docs', () => {
  it('lists documents with owner and staleness', async () => {
    const { client } = await setup();
    const result = await client.callTool({ name: 'list_docs', arguments: { stale: true } });
    const docs = data<{ documents: { path: string; stale: boolean }[] }>(result).documents.map((d) => d.path);
    expect(docs).toContain('reference/schema.md');
    expect(docs).not.toContain('runbooks/disk-space-low.md');
  });

  it('follows links both ways and the ADR supersession chain', async () => {
    const { client } = await setup();
    const result = await client.callTool({
      name: 'related_docs',
      arguments: { collection: 'team', path: 'adr/0001-queue.md' },
    });
    const related = data<{ linksIn: { path: string }[]; chain: { path: string; status?: string }[] }>(result);
    expect(related.linksIn.map((l) => l.path)).toEqual(['adr/0002-postgres-queue.md']);
    expect(related.chain).toEqual([
      { path: 'adr/0001-queue.md', title: 'Use RabbitMQ for invoice jobs', status: 'superseded' },
      {
        path: 'adr/0002-postgres-queue.md',
        title: 'Move invoice jobs to a PostgreSQL queue',
        status: 'accepted',
      },
    ]);
    const out = await client.callTool({
      name: 'related_docs',
      arguments: { collection: 'team', path: 'runbooks/disk-space-low.md' },
    });
    expect(data<{ linksOut: unknown[] }>(out).linksOut).toEqual([
      { path: 'reference/schema.md', title: 'Database schema', anchor: 'tables', exists: true },
    ]);
  });
});

describe('bad input in the collection', () => {
  it('reports binary, oversize, escaping and badly-fronted files, and indexes the rest', async () => {
    const { library } = await setup();
    const problems = Object.fromEntries(library.problems().map((p) => [p.path, p.problem]));
    expect(problems['notes/image.md']).toMatch(/binary/);
    expect(problems['notes/huge.md']).toMatch(/over the 100000-byte limit/);
    expect(problems['notes/escape.md']).toMatch(/outside the collection/);
    expect(problems['notes/bad-front-matter.md']).toMatch(/front matter is not valid YAML/);
    expect(library.get('team', 'notes/bad-front-matter.md')?.parsed.title).toBe('Still here');
    expect(library.get('team', 'notes/escape.md')).toBeUndefined();
  });

  it('refuses to start on a missing folder, naming the setting', async () => {
    const { DocsLibrary } = await import('../src/library.ts');
    const library = new DocsLibrary({ maxFileBytes: 1000 });
    await expect(library.load([{ name: 'gone', path: '/nonexistent/docs' }])).rejects.toThrow(
      /GATEHOUSE_DOCS_COLLECTIONS: folder \/nonexistent\/docs of collection "gone" does not exist/,
    );
  });
});

describe('files that change while the server runs', () => {
  it('indexes a new file, a changed file and forgets a removed one within a second or two', async () => {
    const { library, root, client } = await setup();
    library.watch();
    await writeFile(
      join(root, 'runbooks', 'new-alert.md'),
      '---\ntitle: KafkaLagHigh\ntype: runbook\n---\n# Kafka lag high\n\nConsumers of zanzibar topics lag.\n',
    );
    await writeFile(
      join(root, 'reference', 'schema.md'),
      '---\ntitle: Database schema\n---\n# Database schema\n\n## Tables\n\nquokka table added.\n',
    );
    await rm(join(root, 'adr', '0001-queue.md'));
    const search = async (query: string) =>
      data<{ results: { path: string }[] }>(
        await client.callTool({ name: 'search_docs', arguments: { query } }),
      ).results.map((r) => r.path);
    await expect
      .poll(() => search('zanzibar'), { timeout: 3000, interval: 100 })
      .toContain('runbooks/new-alert.md');
    await expect
      .poll(() => search('quokka'), { timeout: 3000, interval: 100 })
      .toContain('reference/schema.md');
    await expect
      .poll(() => library.get('team', 'adr/0001-queue.md'), { timeout: 3000, interval: 100 })
      .toBeUndefined();
  });
});

describe('resources and prompts', () => {
  it('reads a document by URI and refuses one outside the collection', async () => {
    const { client } = await setup();
    const read = await client.readResource({ uri: 'docs://team/runbooks/disk-space-low.md' });
    expect((read.contents[0] as { text: string }).text).toContain('VACUUM');
    await expect(client.readResource({ uri: 'docs://team/../secret.md' })).rejects.toThrow();
    const index = await client.readResource({ uri: 'docs://index' });
    expect((index.contents[0] as { text: string }).text).toContain('runbooks/disk-space-low.md');
  });

  it('lists the indexes as entry points, not every document, and reads a collection index', async () => {
    const { client } = await setup();
    const listed = (await client.listResources()).resources.map((r) => r.uri);
    expect(listed).toEqual(['docs://index', 'docs://index/team']);
    const templates = (await client.listResourceTemplates()).resourceTemplates.map((t) => t.uriTemplate);
    expect(templates).toEqual(['docs://index/{collection}', 'docs://{collection}/{+path}']);
    const team = await client.readResource({ uri: 'docs://index/team' });
    const text = (team.contents[0] as { text: string }).text;
    expect(text).toContain('# team index');
    expect(text).toContain('| team | runbooks/disk-space-low.md | DiskSpaceLow |');
    await expect(client.readResource({ uri: 'docs://index/nope' })).rejects.toThrow(
      /No collection named nope/,
    );
  });

  it('builds the runbook prompt for an alert, the runbook fenced', async () => {
    const { client } = await setup();
    const prompt = await client.getPrompt({
      name: 'follow_runbook',
      arguments: { collection: 'team', alert: 'DiskSpaceLow' },
    });
    const text = promptText(prompt);
    expect(text).toContain('Work through the runbook below');
    const fenced = text.slice(text.indexOf('<untrusted-data'));
    expect(fenced).toContain('owned by team-platform');
    expect(fenced).toContain('VACUUM');
  });

  it('says no runbook matches an alert without one, with the closest only as fenced hints', async () => {
    const { client } = await setup();
    const prompt = await client.getPrompt({
      name: 'follow_runbook',
      arguments: { collection: 'team', alert: 'RedisMemoryHigh' },
    });
    const text = promptText(prompt);
    expect(text).toContain('No runbook in team matches it.');
    expect(text).not.toContain('VACUUM');
    expect(text).not.toContain('Work through');
  });

  it('summarizes an ADR with its chain', async () => {
    const { client } = await setup();
    const prompt = await client.getPrompt({
      name: 'summarize_adr',
      arguments: { collection: 'team', path: 'adr/0002-postgres-queue.md' },
    });
    const text = promptText(prompt);
    const fenced = text.slice(text.indexOf('<untrusted-data source="docs:team/adr/0002-postgres-queue.md">'));
    expect(fenced).toContain('Use RabbitMQ for invoice jobs (superseded)');
    expect(fenced).toContain('SKIP LOCKED');
  });
});
