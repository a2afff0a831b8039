/**
 * The structured half of redaction: a deep copy in which every string goes through text redaction and every
 * value under a sensitive field name becomes `[REDACTED:field]`, whatever its type.
 *
 * Values that cannot carry a secret are kept and not counted under a sensitive name: null, undefined, booleans
 * and the empty string (`"password": null` tells the model no password is set, which is useful and harmless).
 * Numbers are redacted (PINs, numeric passwords, SSNs stored as numbers). Object keys are kept as they are.
 * Name/value pair lists (`[{ "name": "DB_PASSWORD", "value": "…" }]`, as in Kubernetes env and AWS tags) are
 * treated as the field they describe, and so is every entry of a Kubernetes Secret's `data` / `stringData`.
 * Column-wise results (`{ columns: ['id', 'password'], rows: [[1, '…']] }`, as SQL tools and HTTP SQL APIs return
 * them, columns as names or `{ name }` objects, rows under `rows` or `data`) treat each cell as the field its
 * column names.
 *
 * The walk keeps its own stack instead of recursing: a value nested thousands deep (a hostile JSON document,
 * a linked list) must not overflow the call stack.
 */

export interface ValueRedaction {
  readonly redactText: (text: string, counts: Record<string, number>) => string;
  readonly isSensitiveField: (name: string) => boolean;
  /** False when an operator disabled the `field` kind. */
  readonly fieldRule: boolean;
}

const FIELD_MARKER = '[REDACTED:field]';
const PAIR_NAME_KEYS = ['name', 'Name', 'key', 'Key'];
const PAIR_VALUE_KEYS = ['value', 'Value'];
const SECRET_DATA_KEYS = new Set(['data', 'stringData', 'binaryData']);
/** Keys holding the rows of a column-wise result. */
const ROW_KEYS = new Set(['rows', 'data']);
/** `toJSON` may return another object with a `toJSON`; a chain longer than this is cut (it could be endless). */
const MAX_TO_JSON = 8;

/** A value a server already masked (`[masked]`, `[REDACTED:email]`): it carries no data left to hide. */
const ALREADY_MASKED = /^\[(?:masked|REDACTED(?::[a-z_]+)?)\]$/;

function carriesData(value: unknown): boolean {
  return (
    value !== null &&
    value !== undefined &&
    typeof value !== 'boolean' &&
    value !== '' &&
    !(typeof value === 'string' && ALREADY_MASKED.test(value))
  );
}

function redactField(value: unknown, counts: Record<string, number>): unknown {
  if (!carriesData(value)) return value;
  counts.field = (counts.field ?? 0) + 1;
  return FIELD_MARKER;
}

/** Own keys may include `__proto__` (from JSON.parse); plain assignment would set the prototype instead. */
function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__')
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

/** The value key of a `{ name: <sensitive>, value: … }` pair, if `source` is one. */
function sensitivePairValueKey(source: Record<string, unknown>, r: ValueRedaction): string | undefined {
  for (const nameKey of PAIR_NAME_KEYS) {
    const name = source[nameKey];
    if (typeof name !== 'string' || !r.isSensitiveField(name)) continue;
    for (const valueKey of PAIR_VALUE_KEYS) if (Object.hasOwn(source, valueKey)) return valueKey;
  }
  return undefined;
}

/** A Kubernetes Secret (`kind: Secret` with an apiVersion): every entry of its data maps is a secret. */
function isKubernetesSecret(source: Record<string, unknown>): boolean {
  return source.kind === 'Secret' && typeof source.apiVersion === 'string';
}

/** A column's name: the string itself, or the `name` of a column object (`{ "name": "ssn", "type": "varchar" }`). */
function columnName(column: unknown): string | undefined {
  if (typeof column === 'string') return column;
  if (column === null || typeof column !== 'object') return undefined;
  const name = (column as { name?: unknown }).name;
  return typeof name === 'string' ? name : undefined;
}

/** Which positions of a column-wise result's rows hold a sensitive field, or undefined when none does. */
function sensitiveColumns(
  source: Record<string, unknown>,
  r: ValueRedaction,
): readonly boolean[] | undefined {
  const columns = source.columns;
  if (!Array.isArray(columns)) return undefined;
  let any = false;
  const mask = columns.map((column) => {
    const name = columnName(column);
    const sensitive = name !== undefined && r.isSensitiveField(name);
    any ||= sensitive;
    return sensitive;
  });
  return any ? mask : undefined;
}

/** One container being copied: its source, its copy, and how far the copy has got. */
interface Frame {
  readonly source: object;
  readonly out: unknown[] | Record<string, unknown>;
  /** Object keys; undefined for an array. */
  readonly keys: string[] | undefined;
  readonly length: number;
  index: number;
  /** Every child is a sensitive value (the data map of a Kubernetes Secret). */
  readonly allSensitive: boolean;
  readonly pairValueKey: string | undefined;
  readonly secretResource: boolean;
  /** An object with columns: its sensitive positions, for the rows under its row key. */
  readonly columns: readonly boolean[] | undefined;
  /** An array of rows: each row that is an array is read with this mask. */
  readonly rowMask: readonly boolean[] | undefined;
  /** A row: the positions whose values are sensitive. */
  readonly cellMask: readonly boolean[] | undefined;
}

export function redactDeep(value: unknown, counts: Record<string, number>, r: ValueRedaction): unknown {
  const ancestors = new Set<object>();
  const stack: Frame[] = [];

  /** A scalar's redacted copy, or a new frame (pushed) whose `out` is the container's copy. */
  const enter = (
    input: unknown,
    allSensitive: boolean,
    rowMask?: readonly boolean[],
    cellMask?: readonly boolean[],
  ): unknown => {
    let v = input;
    for (let hops = 0; ; hops++) {
      if (typeof v === 'string') return r.redactText(v, counts);
      if (v === null || typeof v !== 'object') return v;
      if (ancestors.has(v)) return '[Circular]';
      const json = (v as { toJSON?: unknown }).toJSON;
      if (typeof json !== 'function') break;
      if (hops === MAX_TO_JSON) return '[Circular]';
      v = json.call(v);
    }
    const source = v as object;
    ancestors.add(source);
    if (Array.isArray(source)) {
      const out = new Array<unknown>(source.length);
      stack.push({
        source,
        out,
        keys: undefined,
        length: source.length,
        index: 0,
        allSensitive,
        pairValueKey: undefined,
        secretResource: false,
        columns: undefined,
        rowMask,
        cellMask,
      });
      return out;
    }
    const record = source as Record<string, unknown>;
    const keys = Object.keys(record);
    const out: Record<string, unknown> = {};
    stack.push({
      source,
      out,
      keys,
      length: keys.length,
      index: 0,
      allSensitive,
      pairValueKey: r.fieldRule ? sensitivePairValueKey(record, r) : undefined,
      secretResource: r.fieldRule && isKubernetesSecret(record),
      columns: r.fieldRule ? sensitiveColumns(record, r) : undefined,
      rowMask: undefined,
      cellMask: undefined,
    });
    return out;
  };

  const result = enter(value, false);
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!;
    if (frame.index === frame.length) {
      stack.pop();
      ancestors.delete(frame.source);
      continue;
    }
    const i = frame.index++;
    if (frame.keys === undefined) {
      const array = frame.source as unknown[];
      if (!(i in array)) continue; // keep holes as holes, as Array.prototype.map does
      const item = array[i];
      (frame.out as unknown[])[i] =
        frame.allSensitive || frame.cellMask?.[i] === true
          ? redactField(item, counts)
          : frame.rowMask !== undefined && Array.isArray(item)
            ? enter(item, false, undefined, frame.rowMask)
            : enter(item, false);
      continue;
    }
    const key = frame.keys[i]!;
    const item = (frame.source as Record<string, unknown>)[key];
    const out = frame.out as Record<string, unknown>;
    if (frame.allSensitive || (r.fieldRule && (key === frame.pairValueKey || r.isSensitiveField(key)))) {
      setOwn(out, key, redactField(item, counts));
    } else {
      const secretData = frame.secretResource && SECRET_DATA_KEYS.has(key);
      const rows = frame.columns !== undefined && ROW_KEYS.has(key) ? frame.columns : undefined;
      setOwn(out, key, enter(item, secretData, rows));
    }
  }
  return result;
}
