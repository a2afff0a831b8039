import { describe, expect, it } from 'vitest';
import { code, FIXTURES, li, p, strong, t } from './fixtures.ts';
import { markdownToAdf } from './from-markdown.ts';
import { normalizeNodes } from './normalize.ts';
import { adfToMarkdown } from './to-markdown.ts';

// ADF -> Markdown -> ADF gives the same document (normalize.ts says what "the same" ignores) for every node type
// the converter supports, including text that looks like Markdown syntax.
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
