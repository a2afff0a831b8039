import type { Detector, Emit } from '../detector.ts';
import { isPlaceholder } from '../placeholders.ts';

/**
 * Passwords given by position rather than by name, in the forms their tools document:
 * - calls whose arguments are (user, password) or (host, user, password): `smtp.login("u", "p")`,
 *   `ftp.login('u', 'p')`, `mysqli_connect('h', 'u', 'p')`, `new mysqli(…)`, `new PDO($dsn, 'u', 'p')`;
 * - PowerShell's `ConvertTo-SecureString 'p' -AsPlainText` (with or without `-String`);
 * - Oracle connect strings `user/password@db` after `sqlplus`, `rman`, `expdp`, … or `jdbc:oracle:thin:`;
 * - `htpasswd -b file user password`, `net user name password`;
 * - an HTML `<input type="password" value="…">`;
 * - a call given a secret's name and a literal: `props.put("db.password", "…")`, `System.setProperty(…)`,
 *   `localStorage.setItem('token', '…')`, `Map.of("password", "…")`, `os.environ.setdefault('DB_PASSWORD', '…')`;
 * - protocol transcripts: FTP/POP3 `PASS …`, IMAP `a1 LOGIN user …`, Redis `AUTH [user] …`, SMTP
 *   `AUTH PLAIN <base64>`;
 * - the default of a variable named for a secret: Terraform `variable "db_password" { default = "…" }`, a
 *   CloudFormation parameter `"DBPassword": { "Type": "String", "Default": "…" }` (JSON or YAML).
 * Each regex starts at a literal word and reads a bounded stretch, and runs only when its word is in the text.
 */

const MAX = 256;

interface Form {
  /** Words the text must contain one of (as written: each is one native search) for the regex to run. */
  readonly gate: readonly string[];
  readonly pattern: RegExp;
  /** Capture group holding the password. */
  readonly group: number;
  /** Capture group holding the name the password is given under, when the name decides. */
  readonly name?: number;
}

const FORMS: readonly Form[] = [
  {
    gate: ['.login('],
    pattern: /\.login\(\s*(['"])[^'"\n]{1,128}\1\s*,\s*(['"])([^'"\n]{1,256})\2\s*\)/dgi,
    group: 3,
  },
  {
    gate: ['mysql'],
    pattern:
      /\b(?:mysqli?_(?:p?connect|real_connect)|new[ \t]+mysqli)\s*\(\s*(?:\$\w{1,40}\s*,\s*)?(['"])[^'"\n]{0,253}\1\s*,\s*(['"])[^'"\n]{1,128}\2\s*,\s*(['"])([^'"\n]{1,256})\3/dgi,
    group: 4,
  },
  {
    gate: ['PDO'],
    pattern:
      /\bnew[ \t]+PDO\s*\(\s*(?:\$\w{1,40}|(['"])[^'"\n]{1,253}\1)\s*,\s*(['"])[^'"\n]{1,128}\2\s*,\s*(['"])([^'"\n]{1,256})\3/dgi,
    group: 4,
  },
  {
    gate: ['SecureString'],
    pattern: /\bConvertTo-SecureString(?:[ \t]+-String)?[ \t]+(['"])([^'"\n]{1,256})\1/dgi,
    group: 2,
  },
  {
    gate: ['oracle:'],
    pattern: /\bjdbc:oracle:(?:thin|oci8?):[\w$#.]{1,30}\/([^\s@/'"]{1,128})@/dgi,
    group: 1,
  },
  {
    gate: ['sqlplus', 'sqlldr', 'rman', 'expdp', 'impdp', 'dgmgrl'],
    pattern:
      /\b(?:sqlplus|sqlldr|rman|expdp|impdp|dgmgrl)(?:[ \t]+-[A-Za-z]{1,10})*[ \t]+['"]?[\w$#.]{1,30}\/([^\s@/'"]{1,128})@/dgi,
    group: 1,
  },
  {
    gate: ['htpasswd'],
    pattern:
      /\bhtpasswd[ \t]+-[A-Za-z]{0,5}b[A-Za-z]{0,5}[ \t]+\S{1,256}[ \t]+\S{1,64}[ \t]+(['"]?)([^\s'"]{1,256})\1/dg,
    group: 2,
  },
  {
    gate: ['net user', 'NET USER', 'net USER'],
    pattern:
      /\bnet[ \t]+user[ \t]+(?:"[^"\n]{1,64}"|[^\s/"]{1,64})[ \t]+(['"]?)([^\s'"/*][^\s'"]{0,255})\1/dgi,
    group: 2,
  },
  {
    gate: ['<input', '<INPUT'],
    pattern:
      /<input\b[^<>]{0,200}?\btype\s*=\s*["']?password\b[^<>]{0,200}?\bvalue\s*=\s*(["'])([^"'\n]{1,256})\1/dgi,
    group: 2,
  },
  {
    gate: ['<input', '<INPUT'],
    pattern:
      /<input\b[^<>]{0,200}?\bvalue\s*=\s*(["'])([^"'\n]{1,256})\1[^<>]{0,200}?\btype\s*=\s*["']?password\b/dgi,
    group: 2,
  },
  {
    gate: ['("', "('", '( "', "( '"],
    pattern: /\(\s*(['"])([\w.-]{1,64})\1\s*,\s*(['"])([^'"\n]{1,256})\3/dg,
    group: 4,
    name: 2,
  },
  {
    gate: ['PASS '],
    pattern: /^[ \t]*(?:[<>]{1,3}[ \t]*|[CS]:[ \t]*|-->[ \t]*)?PASS[ \t]+(\S{1,256})[ \t]*\r?$/dgm,
    group: 1,
  },
  {
    // The tag has a digit, as clients' tags do (a001, A1, 7): a sentence's first word before "login" is prose.
    gate: ['LOGIN ', 'login '],
    pattern:
      /^[ \t]*(?:[<>]{1,3}[ \t]*|[CS]:[ \t]*)?(?=[A-Za-z]{0,9}\d)[A-Za-z0-9]{1,10}[ \t]+LOGIN[ \t]+(?:"[^"\n]{1,128}"|[^\s"]{1,128})[ \t]+("?)([^\s"]{1,256})\1[ \t]*\r?$/dgim,
    group: 2,
  },
  {
    gate: ['AUTH '],
    pattern:
      /(?:^|>[ \t]|^[CS]:[ \t]|\bredis-cli\b[^\n]{0,200}?[ \t])AUTH[ \t]+(?:\S{1,64}[ \t]+)?(\S{1,256})[ \t]*\r?$/dgm,
    group: 1,
  },
  {
    gate: ['variable'],
    pattern: /\bvariable\s+"([\w-]{1,64})"\s*\{[^{}]{0,400}?\bdefault\s*=\s*"([^"\n]{1,256})"/dg,
    group: 2,
    name: 1,
  },
  {
    gate: ['"Default"'],
    pattern: /"(\w{1,64})"\s*:\s*\{[^{}]{0,400}?"Default"\s*:\s*"([^"\n]{1,256})"/dg,
    group: 2,
    name: 1,
  },
  {
    gate: ['Default:'],
    pattern:
      /^([ \t]*)(\w{1,64}):[ \t]*\r?\n(?:\1[ \t]+[^\n]{0,200}\n){0,8}?\1[ \t]+Default:[ \t]*(['"]?)([^'"\n]{1,256})\3[ \t]*$/dgm,
    group: 4,
    name: 2,
  },
];

/**
 * `text.includes(word)`, with the word's tail searched first when it starts with punctuation: a native search
 * stops at every occurrence of a word's first character, and a text made of `<` or `(` would stop at each
 * character for `<input` and `("` alike; the tail (`input`, `"`) is absent from such a text, or found at once.
 */
function mayInclude(text: string, word: string): boolean {
  const c = word.charCodeAt(0);
  const punctuation = c === 40 || c === 60 || c === 46 || c === 34;
  return (!punctuation || text.includes(word.slice(1))) && text.includes(word);
}

export function createPositionalPasswordDetector(isSensitiveName: (name: string) => boolean): Detector {
  const emitGroup = (m: RegExpExecArray, group: number, emit: Emit): void => {
    const raw = m[group]!;
    const at = m.indices?.[group];
    if (at === undefined || raw.length > MAX || isPlaceholder(raw)) return;
    emit(at[0], at[1], 'secret_assignment');
  };
  return {
    kinds: ['secret_assignment'],
    probes: [
      '.login("u", "',
      "mysqli_connect('h', 'u', '",
      'new PDO($d, "u", "',
      "ConvertTo-SecureString '",
      'sqlplus a/',
      'htpasswd -b f u ',
      'net user a ',
      '<input type="password" value="',
      'put("password", "',
      'PASS x\n',
      'a1 LOGIN u p\n',
      '> AUTH u p\n',
      'variable "db_password" { default = "',
      '"DBPassword": { "Default": "',
      'DBPassword:\n  Default: ',
    ],
    scan(text, emit) {
      for (const form of FORMS) {
        if (!form.gate.some((word) => mayInclude(text, word))) continue;
        form.pattern.lastIndex = 0;
        for (let m = form.pattern.exec(text); m !== null; m = form.pattern.exec(text)) {
          // Not a secret's name: a match inside this one may be (a YAML parameter under `Parameters:`).
          if (form.name !== undefined && !isSensitiveName(m[form.name]!)) {
            form.pattern.lastIndex = m.index + 1;
            continue;
          }
          emitGroup(m, form.group, emit);
        }
      }
    },
  };
}
