import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildArgs } from './engine.ts';
import { CLI_PACKAGE, cliImage, deployTargets, imageTargets, REPOSITORY_ROOT } from './targets.ts';

describe('imageTargets', () => {
  it("is every deployed server's image, then the CLI's", () => {
    const names = imageTargets().map((t) => t.name);
    expect(names).toEqual([...deployTargets().map((t) => t.server), 'cli']);
    expect(imageTargets().map((t) => t.stage)).toEqual([...deployTargets().map(() => 'server'), 'cli']);
  });

  it("builds the CLI from its package, whose bin is the image's entry, with no server or port", () => {
    const cli = cliImage();
    const pkg = JSON.parse(readFileSync(join(REPOSITORY_ROOT, CLI_PACKAGE, 'package.json'), 'utf8'));
    expect(cli.version).toBe(pkg.version);
    // The Dockerfile links /app/entry.ts to gatehouse.entry, else the package's first bin.
    const [bin] = Object.values(pkg.bin as Record<string, string>);
    expect(existsSync(join(REPOSITORY_ROOT, CLI_PACKAGE, bin!))).toBe(true);
    const args = buildArgs(cli);
    expect(args).toContain(`APP=${CLI_PACKAGE}`);
    expect(args).toContain('NAME=cli');
    expect(args.some((a) => a.startsWith('SERVER=') || a.startsWith('PORT='))).toBe(false);
  });
});
