/** The demo database's schema: a small SaaS company's customers, orders and billing, with comments and FKs. */
export const DEMO_SCHEMA_SQL = `
CREATE SCHEMA billing;
COMMENT ON SCHEMA billing IS 'Invoices and subscriptions, owned by team-billing';
CREATE SCHEMA internal;
COMMENT ON SCHEMA internal IS 'Service internals; not offered to the reader';

CREATE TABLE public.customers (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name        text NOT NULL,
  email       text NOT NULL UNIQUE,
  phone       text,
  national_id text NOT NULL,
  country     char(2) NOT NULL,
  plan        text NOT NULL DEFAULT 'free' CHECK (plan IN ('free', 'team', 'business', 'enterprise')),
  created_at  timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE public.customers IS 'One row per paying or trial customer account';
COMMENT ON COLUMN public.customers.email IS 'Billing contact email (personal data)';
COMMENT ON COLUMN public.customers.phone IS 'Contact phone in E.164 (personal data)';
COMMENT ON COLUMN public.customers.national_id IS 'Tax or national identity number (personal data)';
COMMENT ON COLUMN public.customers.country IS 'ISO 3166-1 alpha-2 country code';
CREATE INDEX customers_country_idx ON public.customers (country);
CREATE INDEX customers_created_at_idx ON public.customers (created_at);

CREATE TABLE public.orders (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  customer_id  bigint NOT NULL REFERENCES public.customers (id),
  status       text NOT NULL CHECK (status IN ('pending', 'paid', 'shipped', 'cancelled', 'refunded')),
  total_cents  integer NOT NULL CHECK (total_cents >= 0),
  currency     char(3) NOT NULL DEFAULT 'EUR',
  placed_at    timestamptz NOT NULL,
  shipped_at   timestamptz
);
COMMENT ON TABLE public.orders IS 'Orders placed in the web shop';
COMMENT ON COLUMN public.orders.total_cents IS 'Order total incl. tax, in minor units of currency';
CREATE INDEX orders_customer_id_idx ON public.orders (customer_id);
CREATE INDEX orders_placed_at_idx ON public.orders (placed_at);

CREATE TABLE billing.subscriptions (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  customer_id   bigint NOT NULL REFERENCES public.customers (id),
  plan          text NOT NULL,
  seats         integer NOT NULL CHECK (seats > 0),
  status        text NOT NULL CHECK (status IN ('trialing', 'active', 'past_due', 'cancelled')),
  started_at    timestamptz NOT NULL,
  cancelled_at  timestamptz
);
COMMENT ON TABLE billing.subscriptions IS 'Plan subscriptions; at most one active per customer';
CREATE UNIQUE INDEX subscriptions_one_active_idx ON billing.subscriptions (customer_id) WHERE status = 'active';

CREATE TABLE billing.invoices (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  number           text NOT NULL UNIQUE,
  customer_id      bigint NOT NULL REFERENCES public.customers (id),
  subscription_id  bigint REFERENCES billing.subscriptions (id),
  amount_cents     integer NOT NULL,
  status           text NOT NULL CHECK (status IN ('draft', 'open', 'paid', 'void', 'uncollectible')),
  issued_at        timestamptz NOT NULL,
  due_at           timestamptz NOT NULL,
  paid_at          timestamptz
);
COMMENT ON TABLE billing.invoices IS 'Invoices issued to customers, monthly per subscription';
COMMENT ON COLUMN billing.invoices.number IS 'Human-facing invoice number, INV-YYYY-NNNNN';
CREATE INDEX invoices_customer_id_idx ON billing.invoices (customer_id);
CREATE INDEX invoices_status_due_idx ON billing.invoices (status, due_at);

CREATE TABLE public.support_tickets (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  customer_id  bigint NOT NULL REFERENCES public.customers (id),
  order_id     bigint REFERENCES public.orders (id),
  subject      text NOT NULL,
  priority     text NOT NULL CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
  status       text NOT NULL CHECK (status IN ('open', 'pending', 'solved', 'closed')),
  opened_at    timestamptz NOT NULL,
  closed_at    timestamptz
);
COMMENT ON TABLE public.support_tickets IS 'Customer support tickets from the help desk';
CREATE INDEX support_tickets_customer_id_idx ON public.support_tickets (customer_id);

CREATE TABLE internal.api_tokens (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  service     text NOT NULL,
  token_hash  text NOT NULL
);
COMMENT ON TABLE internal.api_tokens IS 'Service tokens; never offered to the model';

-- Flyway's history table, exactly as Flyway creates it.
CREATE TABLE public.flyway_schema_history (
  installed_rank integer NOT NULL PRIMARY KEY,
  version        varchar(50),
  description    varchar(200) NOT NULL,
  type           varchar(20) NOT NULL,
  script         varchar(1000) NOT NULL,
  checksum       integer,
  installed_by   varchar(100) NOT NULL,
  installed_on   timestamp NOT NULL DEFAULT now(),
  execution_time integer NOT NULL,
  success        boolean NOT NULL
);
CREATE INDEX flyway_schema_history_s_idx ON public.flyway_schema_history (success);
`;

/** Flyway migrations that would have produced the schema above, in order. */
export const DEMO_MIGRATIONS: readonly { version: string; description: string }[] = [
  { version: '1', description: 'create customers' },
  { version: '2', description: 'create orders' },
  { version: '3', description: 'add customers country index' },
  { version: '4', description: 'create billing schema' },
  { version: '5', description: 'create subscriptions' },
  { version: '6', description: 'create invoices' },
  { version: '7', description: 'add orders placed at index' },
  { version: '8', description: 'create support tickets' },
  { version: '9', description: 'add customers national id' },
  { version: '10', description: 'add invoices status due index' },
  { version: '11', description: 'add customers plan' },
  { version: '12', description: 'one active subscription per customer' },
];
