import MarkdownIt, { type Token } from 'markdown-it';
import { normalizeNodes } from './normalize.ts';
import { type AdfDoc, type AdfMark, type AdfNode, PANEL_TYPES } from './types.ts';

/*
 * Markdown -> ADF, the inverse of to-markdown.ts: CommonMark with GFM tables and strikethrough, `> [!INFO]`
 * alerts as panels, `[@Name](mention:<accountId>)` as mentions and `<url>` as inline cards. Raw HTML is text
 * (never markup), and what ADF cannot take from Markdown (images) is named in `unsupported`.
 */

const md = new MarkdownIt('commonmark', { html: false, linkify: false }).enable(['table', 'strikethrough']);
// Links are kept exactly as written: the default normalisation percent-encodes them, which changes the href.
md.normalizeLink = (url) => url;
md.normalizeLinkText = (url) => url;

const PANEL = new RegExp(`^\\[!(${PANEL_TYPES.join('|')})\\][ \\t]*(?:\\n|$)`, 'i');
const MARKS: Record<string, string> = { strong_open: 'strong', em_open: 'em', s_open: 'strike' };

export interface AdfResult {
  readonly doc: AdfDoc;
  /** Markdown that ADF cannot hold and was written as text instead (e.g. `image`); empty when exact. */
  readonly unsupported: string[];
}

export function markdownToAdf(markdown: string): AdfResult {
  const unsupported = new Set<string>();
  const root: AdfNode = { type: 'doc', content: [] };
  const stack: AdfNode[] = [root];
  const top = () => stack[stack.length - 1] as AdfNode;
  const add = (...nodes: AdfNode[]) => {
    const parent = top();
    parent.content = [...(parent.content ?? []), ...nodes];
  };
  const push = (node: AdfNode) => {
    add(node);
    stack.push(node);
  };
  const tokens = md.parse(markdown, {});
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as Token;
    switch (token.type) {
      case 'paragraph_open':
        push({ type: 'paragraph', content: [] });
        break;
      case 'heading_open':
        push({ type: 'heading', attrs: { level: Number(token.tag.slice(1)) }, content: [] });
        break;
      case 'bullet_list_open':
        push({ type: 'bulletList', content: [] });
        break;
      case 'ordered_list_open':
        push({ type: 'orderedList', attrs: { order: Number(token.attrGet('start') ?? 1) }, content: [] });
        break;
      case 'list_item_open':
        push({ type: 'listItem', content: [] });
        break;
      case 'blockquote_open':
        push({ type: 'blockquote', content: [] });
        break;
      case 'table_open':
        push({ type: 'table', content: [] });
        break;
      case 'tr_open':
        push({ type: 'tableRow', content: [] });
        break;
      case 'th_open':
      case 'td_open':
        push({ type: token.type === 'th_open' ? 'tableHeader' : 'tableCell', content: [] });
        push({ type: 'paragraph', content: [] });
        break;
      case 'th_close':
      case 'td_close':
        stack.pop();
        stack.pop();
        break;
      case 'paragraph_close':
      case 'heading_close':
      case 'bullet_list_close':
      case 'ordered_list_close':
      case 'list_item_close':
      case 'blockquote_close':
      case 'table_close':
      case 'tr_close':
        stack.pop();
        break;
      case 'fence':
      case 'code_block': {
        const language = token.type === 'fence' ? token.info.trim().split(/\s+/)[0] : '';
        const text = token.content.endsWith('\n') ? token.content.slice(0, -1) : token.content;
        add({
          type: 'codeBlock',
          ...(language ? { attrs: { language } } : {}),
          content: text ? [{ type: 'text', text }] : [],
        });
        break;
      }
      case 'hr':
        add({ type: 'rule' });
        break;
      case 'inline':
        add(...inlineNodes(panelMarker(token, stack) ?? token.children ?? [], unsupported));
        break;
      default:
        break; // thead/tbody wrappers carry no content of their own
    }
  }
  return {
    doc: { type: 'doc', version: 1, content: normalizeNodes(root.content ?? []) },
    unsupported: [...unsupported].sort(),
  };
}

/**
 * A block quote whose first line is `[!INFO]` (any panel type) is a panel: the quote becomes the panel and the
 * marker line is removed from its first paragraph. The children of what follows the marker, or undefined.
 */
function panelMarker(token: Token, stack: AdfNode[]): Token[] | undefined {
  const paragraph = stack[stack.length - 1];
  const quote = stack[stack.length - 2];
  if (quote?.type !== 'blockquote' || quote.content?.[0] !== paragraph) return undefined;
  const match = PANEL.exec(token.content);
  if (!match) return undefined;
  quote.type = 'panel';
  quote.attrs = { panelType: (match[1] as string).toLowerCase() };
  const rest = token.content.slice(match[0].length);
  return rest ? (md.parseInline(rest, {})[0]?.children ?? []) : [];
}

function inlineNodes(children: readonly Token[], unsupported: Set<string>): AdfNode[] {
  const out: AdfNode[] = [];
  const marks: AdfMark[] = [];
  const text = (value: string, extra: AdfMark[] = []) => {
    const all = [...marks, ...extra];
    out.push(all.length > 0 ? { type: 'text', text: value, marks: all } : { type: 'text', text: value });
  };
  for (let i = 0; i < children.length; i++) {
    const token = children[i] as Token;
    const mark = MARKS[token.type];
    if (mark) {
      marks.push({ type: mark });
      continue;
    }
    switch (token.type) {
      case 'strong_close':
      case 'em_close':
      case 's_close':
      case 'link_close':
        marks.pop();
        break;
      case 'text':
        text(token.content);
        break;
      case 'code_inline':
        text(token.content, [{ type: 'code' }]);
        break;
      case 'softbreak':
      case 'hardbreak':
        out.push({ type: 'hardBreak' });
        break;
      case 'link_open': {
        const href = String(token.attrGet('href') ?? '');
        if (token.markup === 'autolink' || href.startsWith('mention:')) {
          // An atom: its text is the card's URL or the mention's name; skip to the link's end.
          let label = '';
          while (i + 1 < children.length && (children[i + 1] as Token).type !== 'link_close') {
            label += (children[i + 1] as Token).content;
            i++;
          }
          i++;
          out.push(
            token.markup === 'autolink'
              ? { type: 'inlineCard', attrs: { url: href } }
              : {
                  type: 'mention',
                  attrs: { id: href.slice('mention:'.length), ...(label ? { text: label } : {}) },
                },
          );
          break;
        }
        const title = token.attrGet('title') ? String(token.attrGet('title')) : undefined;
        marks.push({ type: 'link', attrs: title ? { href, title } : { href } });
        break;
      }
      case 'image':
        unsupported.add('image');
        text(token.content || String(token.attrGet('src') ?? ''));
        break;
      default:
        if (token.content) text(token.content);
        break;
    }
  }
  return out;
}
