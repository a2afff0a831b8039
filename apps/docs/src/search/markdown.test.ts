import { describe, expect, it } from 'vitest';
import { parseMarkdown, parsePlainText } from './markdown.ts';
import { toPlainText } from './plain-text.ts';

const md = (lines: string[]): string => lines.join('\n');

describe('parseMarkdown sections', () => {
  it('splits at ATX headings and ignores # lines inside ``` and ~~~ fences', () => {
    const body = md([
      '# Disk space low',
      'Intro.',
      '```bash',
      '# not a heading: a shell comment',
      'df -h',
      '```',
      '~~~~',
      '## also not a heading',
      '```',
      '~~~~',
      '## Mitigation',
      'Free space.',
    ]);
    const doc = parseMarkdown('runbooks/disk.md', body, {}, 0);
    expect(doc.sections.map((s) => s.heading)).toEqual(['Disk space low', 'Mitigation']);
    expect(doc.sections[0]!.text).toContain('# not a heading: a shell comment');
    expect(doc.sections[0]!.text).toContain('## also not a heading');
  });

  it('treats an unclosed fence as running to the end of the document', () => {
    const doc = parseMarkdown('a.md', md(['# Top', '```', '# inside', '## still inside']), {}, 0);
    expect(doc.sections.map((s) => s.heading)).toEqual(['Top']);
  });

  it('ignores headings inside multi-line HTML comments', () => {
    const doc = parseMarkdown('a.md', md(['# Top', '<!--', '# commented out', '-->', '## Real']), {}, 0);
    expect(doc.sections.map((s) => s.heading)).toEqual(['Top', 'Real']);
  });

  it('requires a space after the hashes and strips closing hashes and inline markup', () => {
    const body = md(['#hashtag is text', '## **Bold** and `code` ##', '### [Linked](x.md) title']);
    const doc = parseMarkdown('a.md', body, {}, 0);
    expect(doc.sections.map((s) => s.heading)).toEqual(['', 'Bold and code', 'Linked title']);
    expect(doc.sections[0]!.text).toBe('#hashtag is text');
  });

  it('reads setext headings, but not a rule after a list item', () => {
    const body = md(['Title', '=====', '', 'Sub title', '---', 'text', '', '- item', '---', 'after']);
    const doc = parseMarkdown('a.md', body, {}, 0);
    expect(doc.sections.map((s) => [s.heading, s.level])).toEqual([
      ['Title', 1],
      ['Sub title', 2],
    ]);
    expect(doc.sections[1]!.text).toBe(md(['text', '', '- item', '---', 'after']));
  });

  it('gives GitHub anchors, de-duplicated within the document', () => {
    const body = md([
      '# Example',
      '## Example',
      '## Example',
      '## Example-1',
      '## fs.readFile(path[, options])',
    ]);
    const doc = parseMarkdown('a.md', body, {}, 0);
    expect(doc.sections.map((s) => s.anchor)).toEqual([
      'example',
      'example-1',
      'example-2',
      'example-1-1',
      'fsreadfilepath-options',
    ]);
  });

  it('nests titlePath by heading level', () => {
    const body = md([
      '# Disk space low',
      '## Diagnosis',
      '### Postgres',
      '#### WAL',
      '## Mitigation',
      '### Nodes',
    ]);
    const doc = parseMarkdown('a.md', body, {}, 0);
    expect(doc.sections.map((s) => s.titlePath)).toEqual([
      ['Disk space low'],
      ['Disk space low', 'Diagnosis'],
      ['Disk space low', 'Diagnosis', 'Postgres'],
      ['Disk space low', 'Diagnosis', 'Postgres', 'WAL'],
      ['Disk space low', 'Mitigation'],
      ['Disk space low', 'Mitigation', 'Nodes'],
    ]);
  });

  it('keeps the text before the first heading as a preamble section', () => {
    const doc = parseMarkdown('a.md', md(['', 'Lead paragraph.', '', '# First', 'Body']), {}, 0);
    expect(doc.sections[0]).toMatchObject({
      anchor: '',
      heading: '',
      level: 0,
      titlePath: [],
      text: 'Lead paragraph.',
    });
    expect(doc.sections[1]).toMatchObject({ anchor: 'first', text: 'Body' });
  });

  it('numbers lines as in the original file, after the front matter, without trailing blank lines', () => {
    // A 4-line front matter block precedes this body in the file.
    const body = md(['# Title', 'one', 'two', '', '', '## Next', '', 'three', '']);
    const doc = parseMarkdown('a.md', body, {}, 4);
    expect(doc.sections.map((s) => [s.startLine, s.endLine])).toEqual([
      [5, 7],
      [10, 12],
    ]);
    expect(doc.sections[1]!.text).toBe('three');
  });

  it('gives a heading with no body a one-line range and empty text', () => {
    const doc = parseMarkdown('a.md', md(['# A', '# B', 'b']), {}, 0);
    expect(doc.sections[0]).toMatchObject({ text: '', startLine: 1, endLine: 1 });
  });

  it('gives an empty document one empty section, so its title stays findable', () => {
    const doc = parseMarkdown('notes/empty.md', '\n\n', {}, 2);
    expect(doc.sections).toEqual([
      { anchor: '', heading: '', level: 0, titlePath: [], text: '', startLine: 3, endLine: 3 },
    ]);
    expect(doc.title).toBe('empty');
  });

  it('takes the title from front matter, else the first heading, else the file name', () => {
    expect(parseMarkdown('a/b.md', '# Heading', { title: ' From meta ' }, 3).title).toBe('From meta');
    expect(parseMarkdown('a/b.md', 'text\n## Heading', {}, 0).title).toBe('Heading');
    expect(parseMarkdown('a/disk-space-low.md', 'just text', { title: 42 }, 0).title).toBe('disk-space-low');
  });

  it('handles CRLF line endings', () => {
    const doc = parseMarkdown('a.md', '# One\r\nbody\r\n## Two\r\nmore', {}, 0);
    expect(doc.sections.map((s) => [s.heading, s.text])).toEqual([
      ['One', 'body'],
      ['Two', 'more'],
    ]);
  });
});

describe('parseMarkdown links', () => {
  const links = (path: string, body: string) => parseMarkdown(path, body, {}, 0).links;

  it('resolves relative links against the document folder, with anchors', () => {
    const body = md([
      'See [the lag runbook](../runbooks/postgres-replication-lag.md#mitigation) and [a sibling](./other.md).',
      'And [root](/adr/0001-record.md), [same folder](guide.md?plain=1#top).',
    ]);
    expect(links('guides/deploy.md', body)).toEqual([
      { target: 'runbooks/postgres-replication-lag.md', anchor: 'mitigation', text: 'the lag runbook' },
      { target: 'guides/other.md', text: 'a sibling' },
      { target: 'adr/0001-record.md', text: 'root' },
      { target: 'guides/guide.md', anchor: 'top', text: 'same folder' },
    ]);
  });

  it('excludes external URLs, same-page anchors, images and paths that leave the collection', () => {
    const body = md([
      '[web](https://example.com/x.md) [mail](mailto:a@b.c) [proto](//cdn.example.com/x)',
      '[here](#section) ![diagram](img/d.png) [escape](../../outside.md)',
      '[kept](x.md)',
    ]);
    expect(links('docs/a.md', body)).toEqual([{ target: 'docs/x.md', text: 'kept' }]);
  });

  it('reads reference links (full, collapsed, shortcut) and ignores links in code', () => {
    const body = md([
      'Use [`fs.readFile()`][] or [the guide][g] or [Buffer].',
      'Brackets in prose: fs.open(path[, flags]) are not links.',
      '`[not](a.md)` and',
      '```',
      '[nor](b.md)',
      '```',
      '',
      '[`fs.readFile()`]: fs.md#fsreadfilepath-options-callback',
      '[G]: <guides/a guide.md>',
      '[buffer]: buffer.md',
    ]);
    expect(links('api/index.md', body)).toEqual([
      { target: 'api/fs.md', anchor: 'fsreadfilepath-options-callback', text: 'fs.readFile()' },
      { target: 'api/guides/a guide.md', text: 'the guide' },
      { target: 'api/buffer.md', text: 'Buffer' },
    ]);
  });

  it('decodes percent-encoding and keeps one entry per target, anchor and text', () => {
    const body = '[A](my%20doc.md) [A](my%20doc.md) [B](my%20doc.md) [A](<x (1).md>)';
    expect(links('a.md', body)).toEqual([
      { target: 'my doc.md', text: 'A' },
      { target: 'my doc.md', text: 'B' },
      { target: 'x (1).md', text: 'A' },
    ]);
  });

  it('accepts a link destination with balanced parentheses and a title', () => {
    expect(links('a.md', '[w](foo_(bar).md "Title")')).toEqual([{ target: 'foo_(bar).md', text: 'w' }]);
  });
});

describe('parsePlainText', () => {
  it('makes one preamble section of the whole file, titled by file name', () => {
    const doc = parsePlainText('notes/on-call.txt', '\nline one\n# not a heading\n\n');
    expect(doc).toEqual({
      path: 'notes/on-call.txt',
      title: 'on-call',
      meta: {},
      sections: [
        {
          anchor: '',
          heading: '',
          level: 0,
          titlePath: [],
          text: 'line one\n# not a heading',
          startLine: 2,
          endLine: 3,
        },
      ],
      links: [],
    });
  });
});

describe('hostile input', () => {
  it('parses text full of unclosed markup in linear time', () => {
    // Each of these took seconds with unbounded regular expressions (quadratic backtracking).
    const n = 100_000;
    const bodies = [
      `# a${' '.repeat(n)}x`,
      `# a${' '.repeat(n)}#x`,
      '['.repeat(n),
      '[x]('.repeat(n / 4),
      '<!-- '.repeat(n / 5),
      `--${' '.repeat(n)}x`,
      '~~a '.repeat(n / 4),
      '** '.repeat(n / 3),
    ];
    const started = performance.now();
    for (const body of bodies) {
      parseMarkdown('x.md', body, {}, 0);
      toPlainText(body);
    }
    expect(performance.now() - started).toBeLessThan(3000);
  });
});
