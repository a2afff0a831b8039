import { ALNUM, classOf, nextIndex } from '../chars.ts';
import type { Detector } from '../detector.ts';
import { isPlaceholder } from '../placeholders.ts';
import { createNameClassifier } from './names.ts';

/**
 * Secrets in XML / HTML elements named for them: `<password>…</password>`, `<apiKey>…</apiKey>`,
 * `<ns:secret>…</ns:secret>`. Found from each closing tag (`</`), reading back to the element's opening `>`;
 * an element holding other markup is a container, not a value. A generic element is named by its `key` /
 * `name` attribute or a preceding `<name>` sibling. (`password="…"` attributes and
 * `<add key="Password" value="…"/>` pairs are assignments.)
 */

const MAX_VALUE = 512;

function isTagChar(c: number): boolean {
  return (classOf(c) & ALNUM) !== 0 || c === 45 || c === 95 || c === 46 || c === 58;
}

/** Elements that hold a value named elsewhere (an attribute, a sibling): looked at whatever their name. */
const GENERIC = new Set([
  'entry',
  'property',
  'value',
  'add',
  'param',
  'parameter',
  'setting',
  'item',
  'field',
]);
const KEY_ATTRIBUTE = /\s(?:key|name)\s*=\s*["']([^"'<>]{1,64})["'][^<>]*$/;
const SIBLING_NAME = /<name>\s*([^<>]{1,64}?)\s*<\/name>\s*<value>$/;

/** The `key="…"` / `name="…"` attribute of the opening tag ending at `open` (its `>`), if any. */
function keyAttribute(text: string, open: number): string | undefined {
  const start = text.lastIndexOf('<', open);
  if (start < 0 || open - start > 160) return undefined;
  return KEY_ATTRIBUTE.exec(text.slice(start, open))?.[1];
}

/** The text of a `<name>` element right before the `<value>` whose `>` is at `open`. */
function siblingName(text: string, open: number): string | undefined {
  return SIBLING_NAME.exec(text.slice(Math.max(0, open - 200), open + 1))?.[1];
}

export function createMarkupDetector(
  isSensitiveName: (name: string) => boolean,
  extraFields: readonly string[],
): Detector {
  const names = createNameClassifier(isSensitiveName, extraFields);
  return {
    kinds: ['secret_assignment', 'national_id'],
    probes: ['</password>', '</', '<password>x</password>'],
    scan(text, emit) {
      for (let at = nextIndex(text, '</', 0); at !== -1; at = nextIndex(text, '</', at + 2)) {
        // `<x></x>`: an empty element holds nothing.
        if (text.charCodeAt(at - 1) === 62) continue;
        let i = at + 2;
        while (i - at < 66 && isTagChar(text.charCodeAt(i))) i++;
        if (text.charCodeAt(i) !== 62) continue;
        const tag = text.slice(at + 2, i);
        const local = tag.slice(tag.lastIndexOf(':') + 1);
        if (!names.mayEnd(text, i) && !GENERIC.has(local)) continue;
        let open = at - 1;
        const stop = Math.max(0, at - MAX_VALUE);
        while (open > stop && text.charCodeAt(open) !== 62 && text.charCodeAt(open) !== 60) open--;
        if (text.charCodeAt(open) !== 62) continue;
        let info = names.classify(local);
        // The element's name may be generic and the key elsewhere: `<entry key="password">…</entry>` (Java
        // properties XML), `<property name="db.password">…`, or a sibling `<name>…</name><value>…</value>`
        // (Hadoop-style configuration).
        if (info.nameClass === 'none') {
          const named = local === 'value' ? siblingName(text, open) : keyAttribute(text, open);
          if (named !== undefined) info = names.classify(named);
        }
        if (info.nameClass !== 'secret' && info.nameClass !== 'personal') continue;
        let start = open + 1;
        let end = at;
        while (start < end && text.charCodeAt(start) <= 32) start++;
        while (end > start && text.charCodeAt(end - 1) <= 32) end--;
        const value = text.slice(start, end);
        if (value.length < 3 || isPlaceholder(value)) continue;
        emit(start, end, info.nameClass === 'personal' ? 'national_id' : 'secret_assignment');
      }
    },
  };
}
