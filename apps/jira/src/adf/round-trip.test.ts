import { describe, expect, it } from 'vitest';
import { markdownToAdf } from './from-markdown.ts';
import { normalizeNodes } from './normalize.ts';
import { adfToMarkdown } from './to-markdown.ts';
import type { AdfNode } from './types.ts';

// ADF -> Markdown -> ADF gives the same document (normalize.ts says what "the same" ignores) for every node type
// the converter supports, including text that looks like Markdown syntax.
const t = (text: string, ...marks: AdfNode['marks'] & object) =>
  marks.length > 0 ? { type: 'text', text, marks } : { type: 'text', text };
const p = (...content: AdfNode[]): AdfNode => ({ type: 'paragraph', content });
const li = (...content: AdfNode[]): AdfNode => ({ type: 'listItem', content });
const strong = { type: 'strong' };
const em = { type: 'em' };
const code = { type: 'code' };
const strike = { type: 'strike' };
const link = (href: string, title?: string) => ({ type: 'link', attrs: title ? { href, title } : { href } });

const FIXTURES: Record<string, AdfNode[]> = {
  paragraphs: [p(t('Hello world.')), p(t('Second paragraph.'))],
  headings: [1, 2, 3, 4, 5, 6].map((level) => ({
    type: 'heading',
    attrs: { level },
    content: [t(`Level ${level} #x`)],
  })),
  marks: [
    p(
      t('plain '),
      t('bold', strong),
      t(' '),
      t('italic', em),
      t(' '),
      t('gone', strike),
      t(' and '),
      t('a_b*c', code),
    ),
    p(t('both', strong, em), t('mid', strong), t('word', em), t('x')),
    p(t('edge ', strong), t('spaces')),
    p(t('un'), t('believ', em), t('able')),
  ],
  links: [
    p(t('see '), t('the docs', link('https://example.com/a_(b)?q=1&r=2')), t('.')),
    p(
      t('titled', link('https://example.com/x', 'A "title"')),
      t(' '),
      t('bold link', strong, link('https://e.com')),
    ),
    p(t('odd href', link('https://example.com/a b'))),
  ],
  'text that looks like syntax': [
    p(t('# not a heading')),
    p(t('- not a list')),
    p(t('1. not a list either')),
    p(t('> not a quote, *not em*, _nor this_, `nor code`, [nor](link), <nor@card>, ~~nor~~ | pipe & &amp;')),
    p(t('[!INFO] not a panel')),
    p(t('  leading and trailing spaces  ')),
    p(t('back\\slash')),
    p(t('---')),
  ],
  'hard breaks': [
    p(t('line one'), { type: 'hardBreak' }, t('line two'), { type: 'hardBreak' }, t('- three')),
  ],
  'bullet lists': [
    {
      type: 'bulletList',
      content: [
        li(p(t('one'))),
        li(p(t('two')), { type: 'bulletList', content: [li(p(t('two.a'))), li(p(t('two.b')))] }),
        li(p(t('three')), p(t('three, second paragraph'))),
      ],
    },
    { type: 'bulletList', content: [li(p(t('a separate list')))] },
  ],
  'ordered lists': [
    {
      type: 'orderedList',
      attrs: { order: 3 },
      content: [
        li(p(t('three'))),
        li(p(t('four')), { type: 'orderedList', attrs: { order: 1 }, content: [li(p(t('nested')))] }),
      ],
    },
    { type: 'orderedList', attrs: { order: 1 }, content: [li(p(t('next list')))] },
    {
      type: 'bulletList',
      content: [li({ type: 'codeBlock', attrs: { language: 'sh' }, content: [t('make')] })],
    },
  ],
  'code blocks': [
    {
      type: 'codeBlock',
      attrs: { language: 'typescript' },
      content: [t('const a = `x`;\n```\nnested fence\n')],
    },
    { type: 'codeBlock', content: [t('no language\n  indented')] },
    { type: 'codeBlock' },
  ],
  quotes: [
    {
      type: 'blockquote',
      content: [p(t('quoted')), { type: 'bulletList', content: [li(p(t('in a quote')))] }],
    },
  ],
  panels: ['info', 'note', 'tip', 'warning', 'error', 'success'].map((panelType) => ({
    type: 'panel',
    attrs: { panelType },
    content: [p(t(`A ${panelType} panel`, strong)), p(t('second'))],
  })),
  'panel starting with a list': [
    {
      type: 'panel',
      attrs: { panelType: 'warning' },
      content: [{ type: 'bulletList', content: [li(p(t('x')))] }],
    },
  ],
  rules: [p(t('above')), { type: 'rule' }, p(t('below'))],
  tables: [
    {
      type: 'table',
      attrs: { isNumberColumnEnabled: false, layout: 'default', localId: 'abc' },
      content: [
        {
          type: 'tableRow',
          content: [
            { type: 'tableHeader', content: [p(t('Name'))] },
            { type: 'tableHeader', content: [p(t('Notes'))] },
          ],
        },
        {
          type: 'tableRow',
          content: [
            { type: 'tableCell', content: [p(t('a|b', code))] },
            { type: 'tableCell', content: [p(t('x | y', strong), t(' '), t('link', link('https://e.com')))] },
          ],
        },
        {
          type: 'tableRow',
          content: [
            { type: 'tableCell', content: [p()] },
            { type: 'tableCell', content: [p(t('last'))] },
          ],
        },
      ],
    },
  ],
  mentions: [
    p(
      t('ping '),
      {
        type: 'mention',
        attrs: { id: '557058:f58131cb-b67d-43c7-b30d-6b58d40bd077', text: '@Ada Lovelace', accessLevel: '' },
      },
      t(' please'),
    ),
  ],
  'inline cards': [
    p(t('PR: '), { type: 'inlineCard', attrs: { url: 'https://github.com/acme/api/pull/7' } }),
  ],
};

describe('ADF -> Markdown -> ADF', () => {
  for (const [name, content] of Object.entries(FIXTURES)) {
    it(`is lossless for ${name}`, () => {
      const { markdown, unsupported } = adfToMarkdown({ content });
      expect(unsupported).toEqual([]);
      const back = markdownToAdf(markdown);
      expect(back.unsupported).toEqual([]);
      expect(back.doc.content, markdown).toEqual(normalizeNodes(content));
    });
  }

  it('writes compact Markdown a person reads as such', () => {
    const { markdown } = adfToMarkdown({ content: [...FIXTURES.marks!, ...FIXTURES['bullet lists']!] });
    expect(markdown).toBe(
      [
        'plain **bold** *italic* ~~gone~~ and `a_b*c`',
        '',
        '***both*mid***word*x',
        '',
        '**edge** spaces',
        '',
        'un*believ*able',
        '',
        '- one\n- two\n  - two.a\n  - two.b\n- three\n\n  three, second paragraph',
        '',
        '* a separate list',
      ].join('\n'),
    );
  });
});

describe('what Markdown cannot carry is reported, not dropped', () => {
  it('names unsupported ADF nodes and marks, and keeps their text', () => {
    const { markdown, unsupported } = adfToMarkdown({
      content: [
        p(t('under', { type: 'underline' }), t(' '), {
          type: 'emoji',
          attrs: { shortName: ':smile:', text: '😄' },
        }),
        {
          type: 'mediaSingle',
          content: [{ type: 'media', attrs: { id: 'x', type: 'file', collection: 'c' } }],
        },
        { type: 'expand', attrs: { title: 'More' }, content: [p(t('hidden text'))] },
      ],
    });
    expect(unsupported).toEqual(['emoji', 'expand', 'mark:underline', 'media', 'mediaSingle']);
    expect(markdown).toContain('under 😄');
    expect(markdown).toContain('hidden text');
    expect(markdown).toContain('‹media›');
  });

  it('names a table Markdown cannot hold (no header row, merged cells)', () => {
    const { unsupported } = adfToMarkdown({
      content: [
        {
          type: 'table',
          content: [
            {
              type: 'tableRow',
              content: [{ type: 'tableCell', attrs: { colspan: 2 }, content: [p(t('x'))] }],
            },
          ],
        },
      ],
    });
    expect(unsupported).toEqual(['table:merged', 'table:shape']);
  });

  it('names Markdown images, which ADF cannot take without an upload', () => {
    const { doc, unsupported } = markdownToAdf('see ![diagram](https://e.com/d.png)');
    expect(unsupported).toEqual(['image']);
    expect(doc.content).toEqual([p(t('see diagram'))]);
  });
});

describe('Markdown a model writes', () => {
  it('becomes the ADF Jira expects', () => {
    const { doc } = markdownToAdf(
      '## Steps\n1. run `make`\n2. see **error**\n\n> [!WARNING]\n> careful\n\nline\nbreak <b>not html</b>',
    );
    expect(doc).toEqual({
      type: 'doc',
      version: 1,
      content: [
        { type: 'heading', attrs: { level: 2 }, content: [t('Steps')] },
        {
          type: 'orderedList',
          content: [li(p(t('run '), t('make', code))), li(p(t('see '), t('error', strong)))],
        },
        { type: 'panel', attrs: { panelType: 'warning' }, content: [p(t('careful'))] },
        p(t('line'), { type: 'hardBreak' }, t('break <b>not html</b>')),
      ],
    });
  });

  it('keeps javascript: links as text, never as a link', () => {
    const { doc } = markdownToAdf('[click](javascript:alert(1))');
    expect(JSON.stringify(doc)).not.toContain('"link"');
  });
});
