import { ErrorCode, ToolError } from '@gatehouse/kit';

/**
 * The commands of a piped query (ES|QL, PPL): split on every `|` outside a string or quoted name. What this
 * reads as one command the cluster reads as one command too, because anything it cannot be sure of is refused
 * rather than guessed: comments, an unterminated string, a `[` subsearch (PPL) or `(` subquery at command level.
 */
export function splitCommands(text: string, language: string): string[] {
  const commands: string[] = [];
  let start = 0;
  let i = 0;
  const refuse = (what: string): never => {
    throw new ToolError(
      ErrorCode.InvalidInput,
      `query: ${what} are not accepted in a raw ${language} query.`,
    );
  };
  while (i < text.length) {
    const c = text[i] as string;
    if (c === '"' && text.startsWith('"""', i)) {
      const end = text.indexOf('"""', i + 3);
      if (end < 0) refuse('unterminated strings');
      i = end + 3;
      continue;
    }
    if (c === '"' || c === "'" || c === '`') {
      let j = i + 1;
      while (j < text.length && text[j] !== c) j += text[j] === '\\' ? 2 : 1;
      if (j >= text.length) refuse('unterminated strings');
      i = j + 1;
      continue;
    }
    if (c === '/' && (text[i + 1] === '/' || text[i + 1] === '*')) refuse('comments');
    if (c === '[') refuse('subsearches ([ … ])');
    if (c === '|') {
      commands.push(text.slice(start, i).trim());
      start = i + 1;
    }
    i++;
  }
  commands.push(text.slice(start).trim());
  if (commands.some((command) => command === '')) refuse('empty commands (|| or a trailing |)');
  return commands;
}

/** The first word of a command, lower case: what decides whether it is allowed. */
export const verbOf = (command: string) => (/^[A-Za-z_]+/.exec(command)?.[0] ?? '').toLowerCase();

/** Refuses every command after the first whose verb is not in `allowed`, naming it. */
export function checkVerbs(
  commands: readonly string[],
  allowed: ReadonlySet<string>,
  language: string,
): void {
  for (const command of commands.slice(1)) {
    const verb = verbOf(command);
    if (!allowed.has(verb)) {
      throw new ToolError(
        ErrorCode.InvalidInput,
        `query: ${verb ? verb.toUpperCase() : command.slice(0, 20)} is not allowed in a raw ${language} query (it can read outside the source's indices or call out); allowed: ${[...allowed].join(', ')}.`,
      );
    }
  }
}

/** One index name or pattern as a query may write it: letters, digits, `.`, `_`, `-`, `*` (never remote `a:b`). */
const INDEX_NAME = /^[A-Za-z0-9._*+-]{1,255}$/;

/** The index names of a comma-separated list (each optionally quoted), refused when one is not a plain name. */
export function indexList(text: string, language: string): string[] {
  const names = text.split(',').map((part) => part.trim().replace(/^(["`])(.*)\1$/, '$2'));
  for (const name of names) {
    if (!INDEX_NAME.test(name) || name.startsWith('-') || name.startsWith('+')) {
      throw new ToolError(
        ErrorCode.InvalidInput,
        `query: ${JSON.stringify(name.slice(0, 60))} is not an index name this server accepts in ${language} (plain names or * patterns from list_sources; no remote clusters, exclusions, selectors or date math).`,
      );
    }
  }
  return names;
}
