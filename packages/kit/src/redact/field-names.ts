/**
 * Field names whose values are secret whatever they look like. Names are compared normalised (lowercase,
 * without `-`, `_`, `.` and spaces), and a name is sensitive when it is one of these or ends with one:
 * `dbPassword`, `GITHUB_TOKEN`, `X-Api-Key`, `Set-Cookie`, `spring.datasource.password`.
 *
 * Decisions: `tokens_used`, `token_count`, `max_tokens`, `tokenType`, `password_policy` do not end with a
 * sensitive word, so they stay; `session_id` / `sessionId` stay too (a correlation id that logs and traces
 * need; the credential form of a session travels as `cookie` / `session` / `session_token`, which are caught).
 * Pagination tokens (`nextPageToken`, `NextToken`, `continuationToken`) are not credentials and stay.
 */
export const DEFAULT_SENSITIVE_FIELDS: readonly string[] = [
  'password',
  'passwd',
  'pwd',
  'pw',
  'secret',
  'token',
  'access_token',
  'refresh_token',
  'api_key',
  'apikey',
  'private_key',
  'client_secret',
  'authorization',
  'cookie',
  'session',
  'ssn',
  'credit_card',
  'card_number',
  // Beyond the brief's list: other names that only ever hold secrets.
  'passphrase',
  'pat',
  'personal_access_token',
  // The word for password in other languages' configuration keys (ASCII spellings).
  'passwort',
  'kennwort',
  'mot_de_passe',
  'motdepasse',
  'contrasena',
  'senha',
  'wachtwoord',
  'losenord',
  'adgangskode',
  'passord',
  'haslo',
  'heslo',
  'geslo',
  'lozinka',
  'parola',
  'salasana',
  'jelszo',
  'sifre',
  'parool',
  'secret_key',
  'secret_key_base',
  'access_key',
  'signing_key',
  'encryption_key',
  'master_key',
  'account_key',
  'credentials',
  'cvv',
  'cvc',
  'pass',
  'app_key',
  'application_key',
  'auth_key',
  'client_key',
  // Wi-Fi and VPN pre-shared keys, PINs typed as passcodes.
  'psk',
  'pre_shared_key',
  'preshared_key',
  'passcode',
];

/** Fields holding a national identifier: personal data whatever its format (in text, `[REDACTED:national_id]`). */
export const PERSONAL_ID_FIELDS: readonly string[] = [
  'national_id',
  'national_id_number',
  'national_number',
  'social_security_number',
  'passport_number',
  'tax_id',
  'tax_number',
  'personnummer',
  'bsn',
  'nino',
  'aadhaar',
  'cpf',
  'steuer_id',
  'steuernummer',
  'codice_fiscale',
  // More schemes, by the names their countries' forms and exports use.
  'pesel',
  'nir',
  'insee',
  'dni',
  'nie',
  'nif',
  'rut',
  'curp',
  'tckn',
  'tc_kimlik_no',
  'cnp',
  'jmbg',
  'egn',
  'oib',
  'amka',
  'pps_number',
  'tfn',
  'tax_file_number',
  'nric',
  'hkid',
  'snils',
  'sin',
  'social_insurance_number',
  'national_insurance_number',
  'id_number',
  'identity_number',
  'personal_number',
  'personal_id',
  'fodselsnummer',
  'henkilotunnus',
  'isikukood',
  'rijksregisternummer',
  'ahv_number',
  'cedula',
  'rodne_cislo',
  // Schemes of more countries, and the documents that carry a personal number.
  'nhs_number',
  'emirates_id',
  'cnic',
  'nik',
  'nin',
  'iin',
  'itin',
  'svnr',
  'mykad',
  'kennitala',
  'teudat_zehut',
  'personas_kods',
  'asmens_kodas',
  'rnokpp',
  'passport',
  'passport_no',
  'driver_license',
  'drivers_license',
  'driving_licence',
  'driver_license_number',
  'drivers_license_number',
  'driving_licence_number',
];

const NOT_SECRET_SUFFIXES = ['pagetoken', 'nexttoken', 'continuationtoken'];

/** Short or common-word suffixes must start a word of the name (`db_pwd`, `userSsn`), not end one (`possession`). */
const NEEDS_BOUNDARY = new Set([
  'pat',
  'pw',
  'pwd',
  'ssn',
  'cvv',
  'cvc',
  'session',
  'pass',
  'cpf',
  'bsn',
  'nino',
  'psk',
  'nik',
  'nin',
  'iin',
]);

/**
 * `pass` ends compound names run together in lower case (`dbpass`, `smtppass`, `adminpass`) as well as English
 * words that hold no secret: those words are not taken.
 */
const PASS_WORDS = [
  'bypass',
  'compass',
  'surpass',
  'overpass',
  'underpass',
  'trespass',
  'encompass',
  'impass',
];

const SEPARATORS = /[-_. ]/g;
/** A number or version at the end of a name (`_2`, `V4`, `-v10`), with the separator before it. */
const NUMBERED = /[-_. ]?[vV]?\d{1,3}$/;

export function normaliseFieldName(name: string): string {
  return name.toLowerCase().replace(SEPARATORS, '');
}

function isSeparator(c: string | undefined): boolean {
  return c === '-' || c === '_' || c === '.' || c === ' ';
}

/** Does the last `length` non-separator characters of `raw` begin at a word boundary? */
function suffixStartsWord(raw: string, length: number): boolean {
  let i = raw.length;
  let seen = 0;
  while (i > 0 && seen < length) {
    i--;
    if (!isSeparator(raw[i])) seen++;
  }
  if (i === 0) return true;
  const before = raw[i - 1] ?? '';
  const first = raw[i] ?? '';
  if (isSeparator(before)) return true;
  return first >= 'A' && first <= 'Z' && !(before >= 'A' && before <= 'Z');
}

/** A predicate over field names, with the operator's extra names added to the defaults; answers are cached. */
export function createFieldMatcher(extra: readonly string[] = []): (name: string) => boolean {
  const suffixes = [
    ...new Set([...DEFAULT_SENSITIVE_FIELDS, ...PERSONAL_ID_FIELDS, ...extra].map(normaliseFieldName)),
  ].filter((s) => s.length > 0);
  const exact = new Set(suffixes);
  const cache = new Map<string, boolean>();

  const decide = (name: string): boolean => {
    // A numbered or versioned copy names the same thing: `password2`, `api_key_1`, `smtp_password_v4`.
    const numbered = NUMBERED.exec(name);
    if (numbered !== null && numbered.index > 0 && decide(name.slice(0, numbered.index))) return true;
    const norm = normaliseFieldName(name);
    if (exact.has(norm)) return true;
    for (const skip of NOT_SECRET_SUFFIXES) if (norm.endsWith(skip)) return false;
    for (const suffix of suffixes) {
      if (!norm.endsWith(suffix)) continue;
      if (!NEEDS_BOUNDARY.has(suffix) && suffix.length > 3) return true;
      if (suffixStartsWord(name, suffix.length)) return true;
      if (suffix === 'pass' && norm.length > 5 && !PASS_WORDS.some((w) => norm.endsWith(w))) return true;
    }
    return false;
  };

  return (name) => {
    let answer = cache.get(name);
    if (answer === undefined) {
      answer = decide(name);
      // Field names come from a small vocabulary; the bound only guards against data-derived keys.
      if (cache.size >= 4096) cache.clear();
      cache.set(name, answer);
    }
    return answer;
  };
}
