import { describe, expect, it } from 'vitest';
import { FIXTURES, li, link, p, strong, t } from '../adf/fixtures.ts';
import { normalizeNodes } from '../adf/normalize.ts';
import type { AdfNode } from '../adf/types.ts';
import { adfToWiki } from './from-adf.ts';
import { wikiToAdf } from './to-adf.ts';

// ADF -> wiki markup -> ADF gives the same document for everything wiki markup can hold: the Markdown fixtures,
// less what wiki markup has no way to write (each of those is named in `unsupported` below).
const WIKI_CANNOT: Record<string, string[]> = {
  links: ['link:title'],
  'bullet lists': ['listItem:paragraph'],
  'ordered lists': ['listItem:codeBlock', 'orderedList:start'],
  panels: ['panel:error', 'panel:success'],
  mentions: [],
};

const dcMention = (id: string): AdfNode => ({ type: 'mention', attrs: { id, text: `@${id}` } });

describe('ADF -> wiki markup -> ADF', () => {
  for (const [name, content] of Object.entries(FIXTURES)) {
    const cannot = WIKI_CANNOT[name];
    if (cannot && cannot.length > 0) {
      it(`names what wiki markup cannot hold in ${name}`, () => {
        expect(adfToWiki({ content }).unsupported).toEqual(cannot);
      });
      continue;
    }
    if (cannot) continue;
    it(`is lossless for ${name}`, () => {
      const { wiki, unsupported } = adfToWiki({ content });
      expect(unsupported).toEqual([]);
      expect(wikiToAdf(wiki).content, wiki).toEqual(normalizeNodes(content));
    });
  }

  it('is lossless for what wiki markup can hold of the fixtures above', () => {
    const content: AdfNode[] = [
      p(t('see '), t('the docs', link('https://example.com/a_(b)?q=1&r=2')), t('.')),
      p(t('bold link', strong, link('https://e.com'))),
      {
        type: 'bulletList',
        content: [
          li(p(t('one'))),
          li(p(t('two')), { type: 'orderedList', content: [li(p(t('two.a'))), li(p(t('two.b')))] }),
        ],
      },
      { type: 'orderedList', content: [li(p(t('first'), { type: 'hardBreak' }, t('h1. still text')))] },
      ...['info', 'note', 'tip', 'warning'].map((panelType) => ({
        type: 'panel',
        attrs: { panelType },
        content: [p(t(`A ${panelType} panel`, strong))],
      })),
      p(t('ping '), dcMention('ada.lovelace'), t(' please')),
      p(t('ends with a backslash\\'), t('bold', strong), t(' and &amp; &#92; kept')),
    ];
    const { wiki, unsupported } = adfToWiki({ content });
    expect(unsupported).toEqual([]);
    expect(wikiToAdf(wiki).content, wiki).toEqual(normalizeNodes(content));
  });

  it('writes wiki markup a Jira user reads as such', () => {
    const { wiki } = adfToWiki({ content: [...(FIXTURES.marks ?? []), ...(FIXTURES.tables ?? [])] });
    expect(wiki).toBe(
      [
        'plain *bold* _italic_ -gone- and {{a\\_b\\*c}}',
        '',
        '{*}{_}both{_}{*}{*}mid{*}{_}word{_}x',
        '',
        '*edge* spaces',
        '',
        'un{_}believ{_}able',
        '',
        '||Name||Notes||\n|{{a\\|b}}|*x \\| y* [link|https://e.com]|\n| |last|',
      ].join('\n'),
    );
  });
});

describe('wiki markup as people type it', () => {
  it('becomes the ADF the Markdown writer reads', () => {
    const doc = wikiToAdf(
      [
        'h2. Acceptance criteria',
        '* at most *5* attempts',
        '* a 429 carries {{Retry-After}}',
        '',
        'See [the PR|https://github.com/acme/api/pull/42] and [~bob], a well-known - ok - case.',
        'second line',
        '{code:java}',
        'int x = 1; // *not bold*',
        '{code}',
        'bq. quoted',
        '{color:red}kept as typed{color} !screenshot.png!',
      ].join('\n'),
    );
    expect(doc.content).toEqual([
      { type: 'heading', attrs: { level: 2 }, content: [t('Acceptance criteria')] },
      {
        type: 'bulletList',
        content: [
          li(p(t('at most '), t('5', strong), t(' attempts'))),
          li(p(t('a 429 carries '), t('Retry-After', { type: 'code' }))),
        ],
      },
      p(
        t('See '),
        t('the PR', link('https://github.com/acme/api/pull/42')),
        t(' and '),
        dcMention('bob'),
        t(', a well-known - ok - case.'),
        { type: 'hardBreak' },
        t('second line'),
      ),
      { type: 'codeBlock', attrs: { language: 'java' }, content: [t('int x = 1; // *not bold*')] },
      { type: 'blockquote', content: [p(t('quoted'))] },
      p(t('{color:red}kept as typed{color} !screenshot.png!')),
    ]);
  });
});
