// The demo service's records: a few customers with their orders, subscriptions and events, and feature flags.
// Names, plans and statuses follow the demo database (apps/database/src/demo); the personal fields (email,
// phone, national id, shipping address) are there so the tests can show they never reach a model.

export interface DemoCustomer {
  id: number;
  name: string;
  email: string;
  phone: string | null;
  nationalId: string;
  country: string;
  plan: 'free' | 'team' | 'business' | 'enterprise';
  createdAt: string;
  openTickets: number;
  lifetimeValueCents: number;
}

export interface DemoOrder {
  id: number;
  customerId: number;
  status: 'pending' | 'paid' | 'shipped' | 'cancelled' | 'refunded';
  totalCents: number;
  currency: string;
  placedAt: string;
  shippedAt: string | null;
  carrier: string | null;
  shippingAddress: string;
}

export interface DemoRefund {
  id: number;
  orderId: number;
  amountCents: number;
  reason: string;
  status: 'pending' | 'succeeded' | 'failed';
  createdAt: string;
  idempotencyKey: string;
}

export interface DemoFlag {
  key: string;
  enabled: boolean;
  rolloutPercent: number;
  description: string;
  updatedAt: string;
}

export interface DemoData {
  customers: DemoCustomer[];
  orders: DemoOrder[];
  subscriptions: {
    id: number;
    customerId: number;
    plan: string;
    seats: number;
    status: string;
    startedAt: string;
    cancelledAt: string | null;
  }[];
  events: { customerId: number; at: string; type: string; summary: string }[];
  refunds: DemoRefund[];
  flags: DemoFlag[];
}

export function demoData(): DemoData {
  return {
    customers: [
      {
        id: 1,
        name: 'Ana Almeida',
        email: 'ana.almeida@example.com',
        phone: '+4915123456789',
        nationalId: 'DE-84629173',
        country: 'DE',
        plan: 'business',
        createdAt: '2025-02-11T09:30:00Z',
        openTickets: 1,
        lifetimeValueCents: 1_284_000,
      },
      {
        id: 2,
        name: 'Hiro Tanaka',
        email: 'hiro@acme.example',
        phone: null,
        nationalId: 'JP-55120987',
        country: 'JP',
        plan: 'team',
        createdAt: '2025-06-03T14:05:00Z',
        openTickets: 0,
        lifetimeValueCents: 96_000,
      },
      {
        id: 3,
        name: 'Olga Petrov',
        email: 'olga.petrov@mail.example.org',
        phone: '+31612345678',
        nationalId: 'NL-30211456',
        country: 'NL',
        plan: 'free',
        createdAt: '2026-01-20T08:00:00Z',
        openTickets: 2,
        lifetimeValueCents: 4_900,
      },
    ],
    orders: [
      order(1001, 1, 'shipped', 48_900, '2026-11-02T10:00:00Z', '2026-11-03T16:20:00Z', 'DHL'),
      order(1002, 1, 'paid', 12_500, '2026-11-28T11:45:00Z', null, null),
      order(1003, 2, 'refunded', 9_900, '2026-10-14T09:10:00Z', '2026-10-15T12:00:00Z', 'UPS'),
      order(1004, 3, 'pending', 4_900, '2026-12-01T18:30:00Z', null, null),
      order(1005, 1, 'cancelled', 7_000, '2026-09-09T07:00:00Z', null, null),
    ],
    subscriptions: [
      {
        id: 501,
        customerId: 1,
        plan: 'business',
        seats: 25,
        status: 'active',
        startedAt: '2025-02-11T09:30:00Z',
        cancelledAt: null,
      },
      {
        id: 502,
        customerId: 2,
        plan: 'team',
        seats: 5,
        status: 'past_due',
        startedAt: '2025-06-03T14:05:00Z',
        cancelledAt: null,
      },
      {
        id: 503,
        customerId: 3,
        plan: 'team',
        seats: 2,
        status: 'cancelled',
        startedAt: '2026-01-20T08:00:00Z',
        cancelledAt: '2026-04-01T00:00:00Z',
      },
    ],
    events: [
      {
        customerId: 1,
        at: '2026-11-28T11:45:00Z',
        type: 'order.paid',
        summary: 'Order 1002 paid (125.00 EUR)',
      },
      {
        customerId: 1,
        at: '2026-11-03T16:20:00Z',
        type: 'order.shipped',
        summary: 'Order 1001 shipped with DHL',
      },
      {
        customerId: 1,
        at: '2026-09-09T07:05:00Z',
        type: 'order.cancelled',
        summary: 'Order 1005 cancelled by the customer',
      },
      {
        customerId: 2,
        at: '2026-11-30T00:00:00Z',
        type: 'payment.failed',
        summary: 'Renewal card declined; subscription past due',
      },
      {
        customerId: 3,
        at: '2026-12-01T18:30:00Z',
        type: 'order.placed',
        summary: 'Order 1004 placed, awaiting payment',
      },
    ],
    refunds: [],
    flags: [
      {
        key: 'new-checkout',
        enabled: true,
        rolloutPercent: 25,
        description: 'The redesigned checkout flow',
        updatedAt: '2026-11-20T10:00:00Z',
      },
      {
        key: 'invoice-pdf-v2',
        enabled: false,
        rolloutPercent: 0,
        description: 'New invoice PDF layout',
        updatedAt: '2026-10-01T09:00:00Z',
      },
    ],
  };
}

function order(
  id: number,
  customerId: number,
  status: DemoOrder['status'],
  totalCents: number,
  placedAt: string,
  shippedAt: string | null,
  carrier: string | null,
): DemoOrder {
  return {
    id,
    customerId,
    status,
    totalCents,
    currency: 'EUR',
    placedAt,
    shippedAt,
    carrier,
    shippingAddress: `Hauptstraße ${id % 97}, 10115 Berlin`,
  };
}
