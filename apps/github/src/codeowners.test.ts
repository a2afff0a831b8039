import { describe, expect, it } from 'vitest';
import { ownersOf, parseCodeowners } from './codeowners.ts';

// The example file from GitHub's CODEOWNERS documentation (trimmed), with its documented meanings.
const GITHUB_EXAMPLE = `
# These owners will be the default owners for everything in the repo.
*       @global-owner1 @global-owner2
# JavaScript files anywhere
*.js    @js-owner #This is an inline comment.
*.go docs@example.com
*.txt @octo-org/octocats
/build/logs/ @doctocat
docs/*  docs@example.com
apps/ @octocat
/docs/ @doctocat
/scripts/ @doctocat @octocat
**/logs @octocat
/apps/ @octocat
/apps/github
/apps/ @octocat
/apps/github @doctocat
`;

const rules = parseCodeowners(GITHUB_EXAMPLE);
const owners = (path: string) => ownersOf(rules, path).owners;

describe('CODEOWNERS matching', () => {
  it('falls back to the catch-all owners', () => {
    expect(owners('README.md')).toEqual(['@global-owner1', '@global-owner2']);
  });

  it('matches extension patterns at any depth and drops inline comments', () => {
    expect(owners('src/util/index.js')).toEqual(['@js-owner']);
    expect(owners('notes/todo.txt')).toEqual(['@octo-org/octocats']);
  });

  it('anchors patterns with a leading slash and covers everything under a directory', () => {
    expect(owners('build/logs/2024/run.log')).toEqual(['@octocat']); // **/logs is later and wins
    expect(owners('scripts/deploy/run.sh')).toEqual(['@doctocat', '@octocat']);
    expect(owners('lib/scripts/run.sh')).toEqual(['@global-owner1', '@global-owner2']);
  });

  it('lets the last matching rule win', () => {
    expect(owners('docs/getting-started.md')).toEqual(['@doctocat']);
    expect(owners('apps/github/src/main.ts')).toEqual(['@doctocat']);
    expect(owners('apps/docs/x.ts')).toEqual(['@octocat']);
  });

  it('matches a bare directory name anywhere, and dir/* only one level deep', () => {
    const local = parseCodeowners('apps/ @a\nguides/* @b\n');
    expect(ownersOf(local, 'services/apps/x.ts').owners).toEqual(['@a']); // only a trailing slash: any depth
    expect(ownersOf(parseCodeowners('/apps/ @a'), 'services/apps/x.ts').owners).toEqual([]);
    expect(ownersOf(parseCodeowners('apps/ @a'), 'apps/x/y.ts').owners).toEqual(['@a']);
    expect(ownersOf(local, 'guides/start.md').owners).toEqual(['@b']);
    expect(ownersOf(local, 'guides/deep/start.md').owners).toEqual([]);
  });

  it('treats a rule without owners as unowned and reports the rule that decided', () => {
    const local = parseCodeowners('* @all\n/generated/\n');
    expect(ownersOf(local, 'generated/api.ts')).toMatchObject({ owners: [], rule: { line: 2 } });
    expect(ownersOf(local, 'src/a.ts').rule?.pattern).toBe('*');
  });

  it('supports ** in the middle and ? for one character', () => {
    const local = parseCodeowners('src/**/migrations/ @db\nlog?.md @q\n');
    expect(ownersOf(local, 'src/billing/v2/migrations/001.sql').owners).toEqual(['@db']);
    expect(ownersOf(local, 'src/migrations/001.sql').owners).toEqual(['@db']);
    expect(ownersOf(local, 'x/log1.md').owners).toEqual(['@q']);
    expect(ownersOf(local, 'x/log12.md').owners).toEqual([]);
  });
});
