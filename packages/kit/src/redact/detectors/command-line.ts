import { ALNUM, classOf, nextIndex } from '../chars.ts';
import type { Detector, Emit } from '../detector.ts';
import { isPlaceholder } from '../placeholders.ts';
import { createNameClassifier } from './names.ts';

/**
 * Credentials on command lines, where no `=` or `:` names them: `--password VALUE`, `--token VALUE`,
 * `mysql -pVALUE` / `-p'VALUE'`, `docker login -p VALUE`, `sshpass -p VALUE`, `redis-cli -a VALUE`,
 * `curl -u user:VALUE`, `keytool -storepass VALUE`, `openssl … -passin pass:VALUE`, and
 * `… config set <secret name> VALUE` (aws, npm, yarn), `ENV PASSWORD VALUE` (Dockerfile). Short flags are
 * ambiguous (`-p 8080:80` is a port), so they count only after the command that uses them for a password.
 * (`--password=VALUE` is an assignment, found there.)
 */

const MAX_ARG = 512;
const LINE_BACK = 256;
const MYSQL = /\b(?:mysql|mysqldump|mysqladmin|mysqlimport|mysqlsh|mariadb|mariadb-dump)\b/;
const LOGIN_P =
  /\b(?:docker|podman|nerdctl|helm|oras|buildah|skopeo)\b.*\blogin\b|\bsshpass\b|\bmongo(?:sh|dump|restore|import|export)?\b|\baz\b.*\blogin\b/;
const REDIS = /\bredis-cli\b/;
const CURL = /\b(?:curl|wget|http|httpie)\b/;
/** OpenLDAP's clients take the bind password as `-w VALUE`. */
const LDAP = /\bldap(?:search|modify|add|delete|passwd|whoami|compare|exop|modrdn|url)\b/;
/** Samba's clients take `-U user%password`. */
const SMB = /\b(?:smbclient|rpcclient|smbcacls|smbget|smbmap|smbpasswd)\b|\bnet[ \t]+(?:rpc|ads)\b/;
/** SQL Server's clients take the password as `-P VALUE`. */
const SQLCMD = /\b(?:sqlcmd|bcp|osql|isql)\b/;
/** Flags that carry the value of a secret named earlier on the line (`gh secret set NAME --body V`, `aws ssm
 * put-parameter --name /db/password --value V`, `az keyvault secret set --name dbpw --value V`). */
const VALUE_FLAGS = new Set(['value', 'body', 'secret-string', 'secret-value', 'string-value']);
const MYSQL_COMMAND = 1;
const LOGIN_COMMAND = 2;
const REDIS_COMMAND = 4;
const CURL_COMMAND = 8;
const LDAP_COMMAND = 16;
const SMB_COMMAND = 32;
const SQLCMD_COMMAND = 64;
const KEYTOOL_FLAGS = new Set([
  'storepass',
  'keypass',
  'srcstorepass',
  'deststorepass',
  'srckeypass',
  'destkeypass',
]);
const OPENSSL_FLAGS = new Set(['passin', 'passout']);

function isQuote(c: number): boolean {
  return c === 34 || c === 39 || c === 96;
}

interface Argument {
  readonly start: number;
  readonly end: number;
  /** A quote that does not close on its line: no argument, but scanning resumes past what was read. */
  readonly unclosed?: boolean;
}

/** The argument starting at `at` (after up to three blanks): quoted or bare; undefined if none. */
function readArgument(text: string, at: number): Argument | undefined {
  let i = at;
  while (i < at + 3 && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
  const c = text.charCodeAt(i);
  if (isQuote(c)) {
    const limit = Math.min(text.length, i + 1 + MAX_ARG);
    let close = i + 1;
    while (close < limit && text.charCodeAt(close) !== c && text.charCodeAt(close) !== 10) close++;
    if (text.charCodeAt(close) !== c) return { start: i + 1, end: close, unclosed: true };
    return close > i + 1 ? { start: i + 1, end: close } : undefined;
  }
  if (c === 45 || Number.isNaN(c) || c <= 32) return undefined;
  let end = i;
  const limit = Math.min(text.length, i + MAX_ARG);
  while (
    end < limit &&
    text.charCodeAt(end) > 32 &&
    !isQuote(text.charCodeAt(end)) &&
    text.charCodeAt(end) !== 59
  )
    end++;
  return end > i ? { start: i, end } : undefined;
}

export function createCommandLineDetector(
  isSensitiveName: (name: string) => boolean,
  extraFields: readonly string[],
): Detector {
  const names = createNameClassifier(isSensitiveName, extraFields);
  // The commands of the line last looked at: short flags are judged by their line's command, read once per line.
  let cachedLine = -1;
  let cachedCommands = 0;
  let cachedText = '';
  // Where the last line break before `scanned` is: flags come left to right, so each character is read once.
  let scanned = 0;
  let lastBreak = -1;

  /** Which password-taking commands the line holding `at` runs (bits), from its start up to LINE_BACK chars. */
  const commandOf = (text: string, at: number): number => {
    if (text !== cachedText || at < scanned) {
      cachedText = text;
      cachedLine = -1;
      scanned = Math.max(0, at - LINE_BACK);
      lastBreak = -1;
    }
    for (; scanned < at; scanned++) if (text.charCodeAt(scanned) === 10) lastBreak = scanned;
    const start = lastBreak + 1;
    // A line longer than LINE_BACK before the flag is not a command line.
    if (at - start > LINE_BACK || (lastBreak < 0 && at > LINE_BACK)) return 0;
    if (start === cachedLine) return cachedCommands;
    const line = text.slice(start, Math.min(text.length, start + LINE_BACK));
    cachedLine = start;
    cachedCommands =
      (MYSQL.test(line) ? MYSQL_COMMAND : 0) |
      (LOGIN_P.test(line) ? LOGIN_COMMAND : 0) |
      (REDIS.test(line) ? REDIS_COMMAND : 0) |
      (CURL.test(line) ? CURL_COMMAND : 0) |
      (LDAP.test(line) ? LDAP_COMMAND : 0) |
      (SMB.test(line) ? SMB_COMMAND : 0) |
      (SQLCMD.test(line) ? SQLCMD_COMMAND : 0);
    return cachedCommands;
  };

  const emitIf = (text: string, arg: Argument | undefined, minimum: number, emit: Emit): number => {
    if (arg === undefined) return -1;
    const value = text.slice(arg.start, arg.end);
    if (!arg.unclosed && value.length >= minimum && !isPlaceholder(value))
      emit(arg.start, arg.end, 'secret_assignment');
    return arg.end;
  };

  /** `user:password` (or Samba's `user%password`): the part after the first `separator`. */
  const userPassword = (text: string, arg: Argument | undefined, emit: Emit, separator = ':'): number => {
    if (arg === undefined || arg.unclosed) return arg?.end ?? -1;
    const colon = arg.start + text.slice(arg.start, arg.end).indexOf(separator);
    if (colon < arg.start || colon >= arg.end - 1) return arg.end;
    return emitIf(text, { start: colon + 1, end: arg.end }, 1, emit);
  };

  /** The flag whose dash is at `dash` (after a blank); returns where scanning may resume. */
  const flag = (text: string, dash: number, emit: Emit): number => {
    let i = dash;
    while (text.charCodeAt(i) === 45 && i - dash < 2) i++;
    const dashes = i - dash;
    // Three dashes or more: a rule or a PEM armour line (`-----BEGIN`), not a flag.
    if (text.charCodeAt(i) === 45) return i;
    const nameStart = i;
    while (
      i - nameStart < 40 &&
      ((classOf(text.charCodeAt(i)) & ALNUM) !== 0 || text.charCodeAt(i) === 45 || text.charCodeAt(i) === 95)
    )
      i++;
    if (i === nameStart) return dash + 1;
    const after = text.charCodeAt(i);
    const first = text.charCodeAt(nameStart);
    // Single-dash flags that can take a password: `-p…`, `-a`, `-u`/`-U`, `-storepass`, `-passin`, … Others stop here.
    if (
      dashes === 1 &&
      first !== 112 &&
      first !== 97 &&
      first !== 117 &&
      first !== 85 &&
      first !== 115 &&
      first !== 107 &&
      first !== 100 &&
      first !== 119 &&
      first !== 80
    ) {
      return i;
    }
    if (dashes === 1 && i - nameStart === 1 && after !== 39 && after !== 34) {
      // `-p VALUE`, `-a VALUE`, `-u user:VALUE`: judged by the line's command, without building the name.
      if (after !== 32 && after !== 9) return i;
      const commands =
        first === 112 || first === 97 || first === 117 || first === 85 || first === 119 || first === 80
          ? commandOf(text, dash)
          : 0;
      if (first === 80 && (commands & SQLCMD_COMMAND) !== 0)
        return emitIf(text, readArgument(text, i), 1, emit);
      if (first === 119 && (commands & LDAP_COMMAND) !== 0)
        return emitIf(text, readArgument(text, i), 1, emit);
      if (first === 85 && (commands & SMB_COMMAND) !== 0)
        return userPassword(text, readArgument(text, i), emit, '%');
      if (first === 112 && (commands & LOGIN_COMMAND) !== 0)
        return emitIf(text, readArgument(text, i), 1, emit);
      if (first === 97 && (commands & REDIS_COMMAND) !== 0)
        return emitIf(text, readArgument(text, i), 1, emit);
      if ((first === 117 || first === 85) && (commands & CURL_COMMAND) !== 0) {
        return userPassword(text, readArgument(text, i), emit);
      }
      return i;
    }
    const name = text.slice(nameStart, i);
    if (dashes === 2) {
      // An argument vector written as a list: `["--password", "VALUE"]`, `'--token', 'VALUE'`.
      if (isQuote(after) && text.charCodeAt(dash - 1) === after && text.charCodeAt(i + 1) === 44) {
        let q = i + 2;
        while (q < i + 5 && (text.charCodeAt(q) === 32 || text.charCodeAt(q) === 9)) q++;
        const info = names.classify(name);
        if (info.nameClass !== 'secret' || !isQuote(text.charCodeAt(q))) return i;
        return emitIf(text, readArgument(text, q), Math.min(info.minimum, 6), emit);
      }
      if (after !== 32 && after !== 9) return i;
      if (name === 'user' || name === 'proxy-user') return userPassword(text, readArgument(text, i), emit);
      if (VALUE_FLAGS.has(name)) {
        return namedEarlier(text, dash) ? emitIf(text, readArgument(text, i), 1, emit) : i;
      }
      const info = names.classify(name);
      if (info.nameClass !== 'secret') return i;
      return emitIf(text, readArgument(text, i), Math.min(info.minimum, 6), emit);
    }
    // `-pSECRET` / `-p'SECRET'` glued: the mysql family's password.
    if (
      name[0] === 'p' &&
      (name.length > 1 || isQuote(after)) &&
      (commandOf(text, dash) & MYSQL_COMMAND) !== 0
    ) {
      return emitIf(text, readArgument(text, nameStart + 1), 1, emit);
    }
    if (after !== 32 && after !== 9) return i;
    if (name === 'p' && (commandOf(text, dash) & LOGIN_COMMAND) !== 0)
      return emitIf(text, readArgument(text, i), 1, emit);
    if (name === 'a' && (commandOf(text, dash) & REDIS_COMMAND) !== 0)
      return emitIf(text, readArgument(text, i), 1, emit);
    if ((name === 'u' || name === 'U') && (commandOf(text, dash) & CURL_COMMAND) !== 0)
      return userPassword(text, readArgument(text, i), emit);
    if (KEYTOOL_FLAGS.has(name)) return emitIf(text, readArgument(text, i), 1, emit);
    if (OPENSSL_FLAGS.has(name)) {
      const arg = readArgument(text, i);
      if (arg !== undefined && text.startsWith('pass:', arg.start))
        return emitIf(text, { start: arg.start + 5, end: arg.end }, 1, emit);
    }
    return i;
  };

  /** Does an argument before `dash` on its line (up to LINE_BACK characters) name a secret? */
  const namedEarlier = (text: string, dash: number): boolean => {
    let from = dash;
    const stop = Math.max(0, dash - LINE_BACK);
    while (from > stop && text.charCodeAt(from - 1) !== 10) from--;
    for (const word of text.slice(from, dash).split(/[\s'"=]+/)) {
      if (word.length === 0 || word.charCodeAt(0) === 45) continue;
      // The last identifier of a path or key (`/db/password`, `secret/db`, `DB_PASSWORD`).
      const last = word.slice(Math.max(word.lastIndexOf('/'), word.lastIndexOf(':')) + 1);
      if (last.length > 0 && names.classify(last).nameClass === 'secret') return true;
    }
    return false;
  };

  /** `set NAME VALUE` / `config NAME VALUE` / `ENV NAME VALUE`: the value when NAME is a secret's. */
  const setCommand = (text: string, keywordEnd: number, emit: Emit): number => {
    let nameArg = readArgument(text, keywordEnd);
    // Past option flags between the keyword and the name (`git config --global user.password …`).
    for (let skips = 0; nameArg === undefined && skips < 3 && text.charCodeAt(keywordEnd) === 45; skips++) {
      const space = keywordEnd + text.slice(keywordEnd, keywordEnd + 40).indexOf(' ');
      if (space < keywordEnd) return keywordEnd;
      keywordEnd = space + 1;
      nameArg = readArgument(text, keywordEnd);
    }
    if (nameArg === undefined) return keywordEnd;
    // The last identifier of the name (`//registry.npmjs.org/:_authToken` → `_authToken`).
    let nameStart = nameArg.end;
    while (
      nameStart > nameArg.start &&
      ((classOf(text.charCodeAt(nameStart - 1)) & ALNUM) !== 0 || '_-.'.includes(text[nameStart - 1]!))
    )
      nameStart--;
    const info = names.classify(text.slice(nameStart, nameArg.end));
    if (info.nameClass !== 'secret') return nameArg.end;
    const value = readArgument(text, nameArg.end);
    return emitIf(text, value, Math.min(info.minimum, 6), emit) > 0
      ? (value?.end ?? nameArg.end)
      : nameArg.end;
  };

  const each = (text: string, needle: string, handle: (at: number) => number): void => {
    for (let at = nextIndex(text, needle, 0); at !== -1; ) {
      const resume = handle(at);
      at = nextIndex(text, needle, Math.max(resume, at + 1));
    }
  };

  return {
    kinds: ['secret_assignment'],
    probes: [
      ' --password ',
      ' -p',
      'mysql -p',
      ' config set ',
      'ENV PASSWORD ',
      'curl -u a:',
      ' --',
      '"--password", "',
      'ldapsearch -w ',
    ],
    scan(text, emit) {
      each(text, ' -', (at) => flag(text, at + 1, emit));
      each(text, '\t-', (at) => flag(text, at + 1, emit));
      each(text, '"--', (at) => flag(text, at + 1, emit));
      each(text, "'--", (at) => flag(text, at + 1, emit));
      each(text, ' set ', (at) => setCommand(text, at + 5, emit));
      each(text, 'config ', (at) => setCommand(text, at + 7, emit));
      each(text, 'ENV ', (at) => setCommand(text, at + 4, emit));
      // Environment directives of servers and shells: Apache `SetEnv`, csh `setenv`, nginx `fastcgi_param`,
      // fish `set -x` at a line's start (a ` set ` inside a line is found above).
      each(text, 'etEnv ', (at) => setCommand(text, at + 6, emit));
      each(text, 'setenv ', (at) => setCommand(text, at + 7, emit));
      each(text, 'fastcgi_param ', (at) => setCommand(text, at + 14, emit));
      each(text, '\nset ', (at) => setCommand(text, at + 5, emit));
    },
  };
}
