import type { LogEntry } from '../entry.ts';
import { levelOf, timeOf } from '../entry.ts';
import { entryFromDocument, type FieldMapping } from '../fields.ts';
import { parseLogfmt } from '../logfmt.ts';

export type LineFormat = 'auto' | 'ndjson' | 'logfmt' | 'text';

/**
 * The default plain-text line: `2026-12-07T10:00:00.123Z ERROR [checkout] message`, the service in brackets
 * optional, `trace=<id>` anywhere in the message taken as the trace id.
 */
export const DEFAULT_LINE_PATTERN =
  '^(?<time>\\d{4}-\\d\\d-\\d\\d[T ][0-9:.]+(?:Z|[+-]\\d\\d:?\\d\\d)?)\\s+(?<level>[A-Za-z]+)\\s+(?:\\[(?<service>[^\\]]{1,100})\\]\\s+)?(?<message>.*)$';

/** The entry a line holds, or undefined when the line cannot be read in this format (counted as unparsed). */
export type LineParser = (line: string, origin: string) => LogEntry | undefined;

export function lineParser(
  format: LineFormat,
  mapping: FieldMapping,
  pattern: RegExp,
  extraFields: readonly string[] = [],
): LineParser {
  const json = (line: string, origin: string) => {
    let doc: unknown;
    try {
      doc = JSON.parse(line);
    } catch {
      return undefined;
    }
    if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) return undefined;
    return entryFromDocument(doc as Record<string, unknown>, mapping, origin, extraFields);
  };
  const logfmt = (line: string, origin: string) => {
    const doc = parseLogfmt(line);
    return doc ? entryFromDocument(doc, mapping, origin, extraFields) : undefined;
  };
  const text = (line: string, origin: string) => textEntry(line, pattern, origin);
  switch (format) {
    case 'ndjson':
      return json;
    case 'logfmt':
      return logfmt;
    case 'text':
      return text;
    default:
      return (line, origin) => {
        const first = line.charCodeAt(0);
        if (first === 0x7b /* { */) return json(line, origin);
        return text(line, origin) ?? logfmt(line, origin);
      };
  }
}

const TRACE_IN_TEXT = /\b(?:trace(?:_id|Id)?|req(?:_id|Id)?|request_id)=([A-Za-z0-9._:-]{1,128})/;

function textEntry(line: string, pattern: RegExp, origin: string): LogEntry | undefined {
  const groups = pattern.exec(line)?.groups;
  if (!groups) return undefined;
  const time = timeOf(groups.time);
  if (time === undefined) return undefined;
  const message = groups.message ?? line;
  const level = levelOf(groups.level);
  const traceId = groups.trace ?? TRACE_IN_TEXT.exec(message)?.[1];
  return {
    time,
    message,
    origin,
    ...(level ? { level } : {}),
    ...(groups.service ? { service: groups.service } : {}),
    ...(traceId ? { traceId } : {}),
    ...(groups.error ? { errorType: groups.error } : {}),
  };
}
