import { describe, expect, it } from 'vitest';
import { stripInline, toPlainText } from './plain-text.ts';
import { makeSnippet, snippetTerms } from './snippet.ts';

const terms = (...words: string[]) => snippetTerms(words);

describe('toPlainText', () => {
  it('drops Markdown syntax and link URLs, keeps code and collapses whitespace', () => {
    const markdown = [
      '> **Note:** see [the runbook](../runbooks/disk.md#fix) and ![graph](g.png).',
      '',
      '- first  item',
      '1. `kubectl get pods`',
      '',
      '| Level | Action |',
      '| ----- | ------ |',
      '| warn  | watch  |',
      '',
      '```bash',
      'df -h  # free space',
      '```',
      '<!-- hidden -->',
      '[ref]: https://example.com',
      '---',
      'A <b>bold</b> _claim_ and snake_case_name and ~~old~~ \\*literal\\*.',
    ].join('\n');
    expect(toPlainText(markdown)).toBe(
      'Note: see the runbook and graph. first item kubectl get pods Level Action warn watch ' +
        'df -h # free space A bold claim and snake_case_name and old *literal*.',
    );
  });

  it('converts a range of lines, knowing whether it starts inside a code block', () => {
    const markdown = ['Intro **text**.', '```', 'code **not bold**', 'more code', '```', 'After **x**.'].join(
      '\n',
    );
    const from = markdown.indexOf('more code');
    expect(toPlainText(markdown, from)).toBe('more code After x.');
  });
});

describe('stripInline', () => {
  it('unquotes code spans and keeps what is inside them literally', () => {
    expect(stripInline('Use `__dirname` or `a*b*c` with **care**')).toBe('Use __dirname or a*b*c with care');
  });

  it('reduces reference links to their text and leaves bracketed prose alone', () => {
    expect(stripInline('[`fs.open()`][] opens fs.open(path[, flags])')).toBe(
      'fs.open() opens fs.open(path[, flags])',
    );
  });
});

describe('makeSnippet', () => {
  const filler = (n: number) => Array.from({ length: n }, (_, i) => `filler${i}`).join(' ');

  it('returns a short section whole', () => {
    expect(makeSnippet('# x\nShort **text** [here](a.md).', terms('text'))).toBe('x Short text here.');
  });

  it('centres on the passage with the most distinct query terms', () => {
    const text = `${filler(40)} replication alone. ${filler(40)} replication lag together. ${filler(40)}`;
    const snippet = makeSnippet(text, terms('replication', 'lag'));
    expect(snippet).toContain('replication lag together');
    expect(snippet.startsWith('…')).toBe(true);
    expect(snippet.endsWith('…')).toBe(true);
    expect(snippet.length).toBeLessThanOrEqual(202);
  });

  it('matches stemmed and compound forms', () => {
    const text = `${filler(60)} The PostgresReplicationLag alert fires. ${filler(60)}`;
    expect(makeSnippet(text, terms('postgresreplicationlag'))).toContain('PostgresReplicationLag alert');
    const inflected = `${filler(60)} while locking rows ${filler(60)}`;
    expect(makeSnippet(inflected, terms('lock'))).toContain('locking rows');
  });

  it('starts at the beginning when nothing matches, cut at a word boundary', () => {
    const snippet = makeSnippet(filler(100), terms('absent'));
    expect(snippet.startsWith('filler0 filler1')).toBe(true);
    expect(snippet.endsWith('…')).toBe(true);
    expect(snippet.slice(0, -1)).toMatch(/filler\d+$/);
  });

  it('finds the passage in a long section and strips its Markdown', () => {
    const long = [
      ...Array.from({ length: 200 }, (_, i) => `Line ${i} of [padding](https://example.com/${i}) text.`),
      '## not a heading here, inside the text: the **needle** is [linked](https://example.com/n).',
      ...Array.from({ length: 200 }, (_, i) => `Line ${i} of more text.`),
    ].join('\n');
    const snippet = makeSnippet(long, terms('needl'));
    expect(snippet).toContain('the needle is linked');
    expect(snippet).not.toContain('https://');
    expect(snippet).not.toContain('**');
    expect(snippet.startsWith('…') && snippet.endsWith('…')).toBe(true);
  });
});
