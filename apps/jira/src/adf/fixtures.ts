import type { AdfNode } from './types.ts';

// Documents of every node type and mark the converters support, for the round-trip tests (Markdown and wiki
// markup), including text that looks like the syntax of either.
export const t = (text: string, ...marks: AdfNode['marks'] & object) =>
  marks.length > 0 ? { type: 'text', text, marks } : { type: 'text', text };
export const p = (...content: AdfNode[]): AdfNode => ({ type: 'paragraph', content });
export const li = (...content: AdfNode[]): AdfNode => ({ type: 'listItem', content });
export const strong = { type: 'strong' };
export const em = { type: 'em' };
export const code = { type: 'code' };
export const strike = { type: 'strike' };
export const link = (href: string, title?: string) => ({
  type: 'link',
  attrs: title ? { href, title } : { href },
});

export const FIXTURES: Record<string, AdfNode[]> = {
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
