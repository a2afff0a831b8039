import { mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createMemoryAuditSink, parsePolicy } from '@gatehouse/kit/testing';
import { pino } from 'pino';
import { DocsLibrary } from '../src/library.ts';
import { docsServer } from '../src/server.ts';

export const POLICY = parsePolicy(
  `
roles:
  reader:
    scopes: [docs:read]
    tools: ["*"]
    targets: ["docs:**"]
  handbook-only:
    scopes: [docs:read]
    tools: ["*"]
    targets: ["docs:team/**"]
`,
  'docs-test-policy',
);

export const READER = { actor: 'ana', roles: ['reader'], scopes: [], via: 'stdio' as const };
export const HANDBOOK_ONLY = { actor: 'bo', roles: ['handbook-only'], scopes: [], via: 'stdio' as const };

export const FILES: Record<string, string> = {
  'runbooks/disk-space-low.md': `---
title: DiskSpaceLow
type: runbook
owner: team-platform
service: postgres
tags: [DiskSpaceLow, disk]
last_reviewed: 2026-10-01
---
# Disk space low

Fires when a volume is over 90% full.

## Symptoms

Writes fail with \`No space left on device\`.

## Mitigation

1. Find the largest tables with the [schema reference](../reference/schema.md#tables).
2. Run \`VACUUM\` on bloated tables.

### Escalation

Page team-platform.
`,
  'reference/schema.md': `---
title: Database schema
type: reference
owner: team-billing
last_reviewed: 2020-01-01
---
# Database schema

## Tables

customers, orders, invoices.
`,
  'adr/0001-queue.md': `---
title: Use RabbitMQ for invoice jobs
type: adr
status: superseded
superseded_by: adr/0002-postgres-queue.md
owner: team-billing
last_reviewed: 2026-09-01
---
# Use RabbitMQ

## Decision

RabbitMQ.
`,
  'adr/0002-postgres-queue.md': `---
title: Move invoice jobs to a PostgreSQL queue
type: adr
status: accepted
owner: team-billing
last_reviewed: 2026-09-01
---
# PostgreSQL queue

Replaces [the RabbitMQ decision](0001-queue.md).

## Decision

SELECT ... FOR UPDATE SKIP LOCKED.
`,
  'notes/cheatsheet.txt': 'HTTP 429 means rate limited; back off and retry.\n',
  'notes/bad-front-matter.md': '---\ntitle: [unclosed\n---\n# Still here\n\nBody text about kafka.\n',
};

/** A collection folder with the files above, a binary file, an oversize file and a symlink out of the folder. */
export async function makeCollection(files = FILES): Promise<{ root: string; outside: string }> {
  const base = await mkdtemp(join(tmpdir(), 'docs-'));
  const root = join(base, 'team');
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), text);
  }
  await writeFile(join(root, 'notes', 'image.md'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 1]));
  await writeFile(join(root, 'notes', 'huge.md'), `# Huge\n\n${'x'.repeat(300_000)}\n`);
  const outside = join(base, 'secret.md');
  await writeFile(outside, '# Secret\n\npassword of the outside world\n');
  await symlink(outside, join(root, 'notes', 'escape.md'));
  return { root, outside };
}

export async function makeServer(root: string) {
  const library = new DocsLibrary({ maxFileBytes: 100_000 });
  await library.load([{ name: 'team', path: root }]);
  const audit = createMemoryAuditSink();
  return {
    library,
    audit,
    definition: docsServer(library, { staleAfterDays: 180 }),
    options: { policy: POLICY, audit, logger: pino({ level: 'silent' }) },
  };
}

/** The text of a prompt's messages, one after another. */
export const promptText = (prompt: { messages: { content: unknown }[] }) =>
  prompt.messages.map((m) => (m.content as { text?: string }).text ?? '').join('\n');
