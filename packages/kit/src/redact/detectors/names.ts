import { DEFAULT_SENSITIVE_FIELDS, normaliseFieldName, PERSONAL_ID_FIELDS } from '../field-names.ts';

/**
 * How a name before an assignment is treated. `secret`: its value is a secret whatever it looks like;
 * `weak`: a name ending in `key` (`AZURE_STORAGE_KEY`, `DD_APP_KEY`) whose value counts only if it looks like a
 * key; `personal`: a national identifier's field; `authorization` / `cookie`: the HTTP headers.
 */
export type NameClass = 'none' | 'secret' | 'weak' | 'personal' | 'authorization' | 'cookie';

export interface NameInfo {
  readonly nameClass: NameClass;
  readonly norm: string;
  /** Shortest value taken as a secret under this name. */
  readonly minimum: number;
  readonly aws: boolean;
  /** The kind its values are reported as, when more specific than the class's. */
  readonly kind?: string;
}

/** Names that say which vendor's secret they hold: Azure storage keys in connection strings and SAS URLs. */
const VENDOR_NAMES: readonly [test: (norm: string) => boolean, kind: string][] = [
  [(n) => n.endsWith('accountkey') || n.endsWith('sharedaccesskey') || n === 'sig', 'azure_storage_key'],
];

/** Names ending in `key` that hold no secret: database keys, cache and object keys, public keys. */
const NOT_SECRET_KEYS = [
  'publickey',
  'publishablekey',
  'primarykey',
  'foreignkey',
  'partitionkey',
  'sortkey',
  'rangekey',
  'hashkey',
  'cachekey',
  'idempotencykey',
  'objectkey',
  'routingkey',
  'sshkey',
  'keykey',
  'hotkey',
  'shortcutkey',
  'monkey',
  'turkey',
  'donkey',
  'jockey',
  'hockey',
  'whiskey',
];

const PASSWORD_NAME = /(?:pass|passwd|password|pwd|passphrase)$/;
const ENCODED_SUFFIX = /(?:b64|base64|encoded|hex)$/;

/** A letter's position in the alphabet (1–26), or 0 for anything else. */
function letter(c: number): number {
  const l = c | 32;
  return l >= 97 && l <= 122 ? l - 96 : 0;
}

const P = letter(112);
const W = letter(119);
const suffixKey = (a: number, b: number, c: number): number => (a << 10) | (b << 5) | c;

export interface NameClassifier {
  /** Could a sensitive name end at `end` (its last three characters are a known ending)? No allocation. */
  mayEnd(text: string, end: number): boolean;
  classify(name: string): NameInfo;
}

export function createNameClassifier(
  isSensitiveName: (name: string) => boolean,
  extraFields: readonly string[],
): NameClassifier {
  const endings = new Uint8Array(1 << 15);
  const addEnding = (name: string): void => {
    const norm = normaliseFieldName(name);
    if (norm.length < 3) return;
    const n = norm.length;
    const key = suffixKey(
      letter(norm.charCodeAt(n - 3)),
      letter(norm.charCodeAt(n - 2)),
      letter(norm.charCodeAt(n - 1)),
    );
    endings[key] = 1;
  };
  for (const name of [
    ...DEFAULT_SENSITIVE_FIELDS,
    ...PERSONAL_ID_FIELDS,
    ...extraFields,
    'key',
    'name',
    'sig',
    'encoded',
    'hex',
  ]) {
    addEnding(name);
  }
  const personal = new Set(PERSONAL_ID_FIELDS.map(normaliseFieldName));

  const cache = new Map<string, NameInfo>();
  let lastName = '';
  let lastInfo: NameInfo | undefined;
  const decide = (name: string): NameInfo => {
    // `githubTokenB64`, `API_KEY_BASE64`: an encoded copy of what the name says.
    const plain = normaliseFieldName(name);
    const norm = plain.replace(ENCODED_SUFFIX, '');
    if (norm !== plain && norm.length > 0) return decide(norm);
    let nameClass: NameClass = 'none';
    if (norm.endsWith('authorization')) nameClass = 'authorization';
    else if (norm === 'cookie' || norm === 'setcookie') nameClass = 'cookie';
    else if (personal.has(norm)) nameClass = 'personal';
    else if (isSensitiveName(name)) nameClass = 'secret';
    else if (norm.endsWith('key') && norm.length > 3 && !NOT_SECRET_KEYS.some((s) => norm.endsWith(s))) {
      nameClass = 'weak';
    }
    const minimum = norm.endsWith('cvv') || norm.endsWith('cvc') ? 3 : PASSWORD_NAME.test(norm) ? 6 : 8;
    const aws = norm.includes('aws') || norm.endsWith('secretaccesskey');
    const vendor = VENDOR_NAMES.find(([test]) => test(norm));
    if (vendor !== undefined)
      return { nameClass: 'secret', norm, minimum: norm === 'sig' ? 30 : minimum, aws, kind: vendor[1] };
    return { nameClass, norm, minimum, aws };
  };

  return {
    mayEnd(text, at) {
      let end = at;
      // Past an encoding suffix: `tokenB64`, `KEY_BASE64`.
      if (text.charCodeAt(end - 1) === 52 && text.charCodeAt(end - 2) === 54) {
        end -=
          (text.charCodeAt(end - 3) | 32) === 98
            ? 3
            : text.slice(end - 6, end).toLowerCase() === 'base64'
              ? 6
              : 0;
        while (text.charCodeAt(end - 1) === 95 || text.charCodeAt(end - 1) === 45) end--;
      }
      const a = letter(text.charCodeAt(end - 3));
      const b = letter(text.charCodeAt(end - 2));
      const c = letter(text.charCodeAt(end - 1));
      // `pw` (`PW=`, `db_pw:`) is the one two-letter name.
      if (b === P && c === W) return true;
      return a !== 0 && b !== 0 && c !== 0 && endings[suffixKey(a, b, c)] === 1;
    },
    classify(name) {
      // The same name again (a key repeated down a file): answered without hashing it.
      if (lastInfo !== undefined && name === lastName) return lastInfo;
      let info = cache.get(name);
      if (info === undefined) {
        info = decide(name);
        // Names come from a small vocabulary; the bound only guards against data-derived keys.
        if (cache.size >= 4096) cache.clear();
        cache.set(name, info);
      }
      lastName = name;
      lastInfo = info;
      return info;
    },
  };
}

/** Column names that hold phone numbers: `phone`, `mobile_number`, `tel`, `msisdn`, `contactPhone`, … */
const PHONE_COLUMN =
  /^(?:tel|cell|fax|msisdn|whatsapp)(?:number|no|num|nr)?$|(?:phone|mobile|telephone|cellphone|msisdn)(?:number|no|num|nr)?$/;

/**
 * What a table or dump column holds, from its header: a secret (`secret_assignment`, `aws_secret_key`), an
 * identifier (`national_id`) or a phone number (`phone`); undefined for any other column.
 */
export function columnKind(names: NameClassifier, name: string): string | undefined {
  const info = names.classify(name);
  if (info.nameClass === 'secret') return info.aws ? 'aws_secret_key' : 'secret_assignment';
  if (info.nameClass === 'personal') return 'national_id';
  return PHONE_COLUMN.test(info.norm) ? 'phone' : undefined;
}

/**
 * Does a cell's value fit its column? A secret as long as the shortest one an assignment takes (six
 * characters: `abc`, `test`, `foo` in a password column are examples, not passwords); a phone number with the
 * digits of one.
 */
export function cellFits(kind: string, value: string): boolean {
  if (kind === 'secret_assignment' || kind === 'aws_secret_key') return value.length >= 6;
  if (kind !== 'phone') return true;
  let digits = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 48 && c <= 57) digits++;
  }
  return digits >= 7 && digits <= 15;
}
