import { DEMO_MIGRATIONS } from './schema.ts';

/** mulberry32: a tiny seeded PRNG, so every demo start has the same rows. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Word lists as strings: one line each instead of one line per word.
const FIRST =
  'Ana Ben Chloé David Emma Finn Grace Hiro Ines Jonas Kira Liam Maya Noah Olga Pablo Quinn Rosa Sven Tara Umar Vera Wei Yusuf Zoë'.split(
    ' ',
  );
const LAST =
  'Almeida Becker Costa Dubois Eriksen Fischer García Hansen Ivanova Jensen Kowalski Lopez Müller Nakamura Okafor Petrov Rossi Schmidt Tanaka Virtanen Weber Yilmaz'.split(
    ' ',
  );
// Country and its calling code.
const COUNTRIES = 'DE:49 FR:33 NL:31 ES:34 IT:39 SE:46 PL:48 US:1 GB:44 JP:81'
  .split(' ')
  .map((pair) => pair.split(':') as [string, string]);
const DOMAINS = ['example.com', 'mail.example.org', 'acme.example', 'corp.example.net'];
const PLANS = ['free', 'team', 'business', 'enterprise'] as const;
const SUBJECTS = [
  'Cannot log in after password reset',
  'Invoice shows wrong VAT',
  'Order not delivered',
  'Refund request',
  'How do I add seats?',
  'Export to CSV times out',
  'Card declined on renewal',
  'Change billing email',
  'API rate limit too low',
  'Duplicate charge',
];

type Value = string | number | boolean | null;
const literal = (v: Value): string =>
  v === null ? 'NULL' : typeof v === 'string' ? `'${v.replace(/'/g, "''")}'` : String(v);

function insert(table: string, columns: readonly string[], rows: readonly Value[][]): string {
  const values = rows.map((row) => `(${row.map(literal).join(', ')})`).join(',\n');
  return `INSERT INTO ${table} (${columns.join(', ')}) OVERRIDING SYSTEM VALUE VALUES\n${values};`;
}

const DAY = 86_400_000;
const START = Date.UTC(2023, 0, 1);
const END = Date.UTC(2026, 9, 31);
const iso = (ms: number) => new Date(ms).toISOString();

/** Every INSERT of the demo data, deterministic for a seed (a few thousand rows in all). */
export function demoDataSql(seed = 20261124): string[] {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const digits = (n: number) => Array.from({ length: n }, () => int(0, 9)).join('');

  const customers: Value[][] = [];
  const customerCreated: number[] = [];
  for (let id = 1; id <= 600; id++) {
    const first = pick(FIRST);
    const last = pick(LAST);
    const [country, callingCode] = pick(COUNTRIES);
    const created = int(START, END - 60 * DAY);
    customerCreated[id] = created;
    const local = `${first}.${last}`
      .normalize('NFD')
      .replace(/[^A-Za-z.]/g, '')
      .toLowerCase();
    customers.push([
      id,
      `${first} ${last}`,
      `${local}${id}@${pick(DOMAINS)}`,
      random() < 0.85 ? `+${callingCode}${digits(9)}` : null,
      `${digits(3)}-${digits(2)}-${digits(4)}`,
      country,
      pick(PLANS),
      iso(created),
    ]);
  }

  const orders: Value[][] = [];
  for (let id = 1; id <= 2400; id++) {
    const customer = int(1, 600);
    const placed = int(customerCreated[customer] as number, END);
    const status = pick([
      'pending',
      'paid',
      'paid',
      'shipped',
      'shipped',
      'shipped',
      'cancelled',
      'refunded',
    ]);
    const shipped = status === 'shipped' || status === 'refunded' ? iso(placed + int(1, 6) * DAY) : null;
    orders.push([
      id,
      customer,
      status,
      int(499, 149_900),
      pick(['EUR', 'EUR', 'EUR', 'USD', 'GBP']),
      iso(placed),
      shipped,
    ]);
  }

  const subscriptions: Value[][] = [];
  const invoices: Value[][] = [];
  let invoiceId = 0;
  for (let customer = 1, id = 0; customer <= 600; customer++) {
    if (random() < 0.3) continue;
    id++;
    const started = (customerCreated[customer] as number) + int(0, 30) * DAY;
    const status = pick(['active', 'active', 'active', 'active', 'trialing', 'past_due', 'cancelled']);
    const months = Math.min(int(1, 5), Math.floor((END - started) / (30 * DAY)) + 1);
    const cancelled = status === 'cancelled' ? iso(started + months * 30 * DAY) : null;
    const plan = pick(PLANS.slice(1));
    subscriptions.push([id, customer, plan, int(1, 250), status, iso(started), cancelled]);
    if (status === 'trialing') continue;
    for (let month = 0; month < months; month++) {
      invoiceId++;
      const issued = started + month * 30 * DAY;
      const last = month === months - 1;
      const invoiceStatus =
        last && status === 'past_due' ? 'open' : last && random() < 0.05 ? 'void' : 'paid';
      invoices.push([
        invoiceId,
        `INV-${new Date(issued).getUTCFullYear()}-${String(invoiceId).padStart(5, '0')}`,
        customer,
        id,
        int(900, 99_000),
        invoiceStatus,
        iso(issued),
        iso(issued + 14 * DAY),
        invoiceStatus === 'paid' ? iso(issued + int(0, 20) * DAY) : null,
      ]);
    }
  }

  const tickets: Value[][] = [];
  for (let id = 1; id <= 700; id++) {
    const order = random() < 0.5 ? int(1, 2400) : null;
    const customer = order === null ? int(1, 600) : (orders[order - 1]?.[1] as number);
    const opened = int(customerCreated[customer] as number, END);
    const status = pick(['open', 'pending', 'solved', 'solved', 'closed', 'closed', 'closed']);
    const closed = status === 'closed' || status === 'solved' ? iso(opened + int(1, 240) * 3_600_000) : null;
    tickets.push([
      id,
      customer,
      order,
      pick(SUBJECTS),
      pick(['low', 'normal', 'normal', 'high', 'urgent']),
      status,
      iso(opened),
      closed,
    ]);
  }

  const history: Value[][] = DEMO_MIGRATIONS.map((m, i) => [
    i + 1,
    m.version,
    m.description,
    'SQL',
    `V${m.version}__${m.description.replace(/ /g, '_')}.sql`,
    int(-2_000_000_000, 2_000_000_000),
    'deploy',
    iso(START + i * 75 * DAY)
      .replace('T', ' ')
      .replace('Z', ''),
    int(8, 900),
    true,
  ]);

  return [
    insert(
      'public.customers',
      ['id', 'name', 'email', 'phone', 'national_id', 'country', 'plan', 'created_at'],
      customers,
    ),
    insert(
      'public.orders',
      ['id', 'customer_id', 'status', 'total_cents', 'currency', 'placed_at', 'shipped_at'],
      orders,
    ),
    insert(
      'billing.subscriptions',
      ['id', 'customer_id', 'plan', 'seats', 'status', 'started_at', 'cancelled_at'],
      subscriptions,
    ),
    insert(
      'billing.invoices',
      [
        'id',
        'number',
        'customer_id',
        'subscription_id',
        'amount_cents',
        'status',
        'issued_at',
        'due_at',
        'paid_at',
      ],
      invoices,
    ),
    insert(
      'public.support_tickets',
      ['id', 'customer_id', 'order_id', 'subject', 'priority', 'status', 'opened_at', 'closed_at'],
      tickets,
    ),
    `INSERT INTO internal.api_tokens (service, token_hash) VALUES ('billing-worker', 'sha256:9f2c1e7a55d0'), ('shop-web', 'sha256:04be8812c3aa');`,
    insert(
      'public.flyway_schema_history',
      [
        'installed_rank',
        'version',
        'description',
        'type',
        'script',
        'checksum',
        'installed_by',
        'installed_on',
        'execution_time',
        'success',
      ],
      history,
    ),
    // Identity columns continue after the generated ids.
    `SELECT setval(pg_get_serial_sequence('public.customers', 'id'), 600), setval(pg_get_serial_sequence('public.orders', 'id'), 2400),
       setval(pg_get_serial_sequence('billing.subscriptions', 'id'), (SELECT max(id) FROM billing.subscriptions)),
       setval(pg_get_serial_sequence('billing.invoices', 'id'), (SELECT max(id) FROM billing.invoices)),
       setval(pg_get_serial_sequence('public.support_tickets', 'id'), 700);`,
  ];
}
