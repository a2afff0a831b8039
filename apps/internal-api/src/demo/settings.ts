// The embedded default: the demo service's allowlist and tool options, as an operator would write them for a
// real service. Support reads (a customer summary without personal data, orders, subscriptions, events, flags)
// and three writes; deleting a customer and the full customer export are in the document but not allowed.
import type { ServiceSettings } from '../config.ts';
import { DEMO_KEY_HEADER, DEMO_SPEC_FILE } from './service.ts';

/** The environment variable the demo's key is read from, like any service's secret. */
export const DEMO_KEY_ENV = 'GATEHOUSE_INTERNAL_API_DEMO_KEY';

// Versions follow the tools' contracts (contracts/tools/*.json): 1.1.0 where integer inputs stopped listing zod's
// ±2^53 bounds; 1.1.1 / 1.0.1 where the kit's wire became lighter; 1.2.0 where customerId's description moved to
// the server's instructions (shared by the document's customer operations).
const op = (version: string, fields?: string[]) => ({ version, ...(fields ? { fields } : {}) });

export function demoServiceSettings(baseUrl: string): ServiceSettings {
  return {
    name: 'demo',
    spec: DEMO_SPEC_FILE,
    baseUrl,
    auth: { type: 'apiKey', header: DEMO_KEY_HEADER, secret: { env: DEMO_KEY_ENV } },
    allow: [
      'tag:orders',
      'getCustomer',
      'listSubscriptions',
      'listCustomerEvents',
      '* /flags/**',
      'GET /flags',
    ],
    operations: {
      // Support needs who the customer is and how their account stands, not how to reach them.
      getCustomer: op('1.2.0', ['id', 'name', 'plan', 'country', 'createdAt', 'openTickets']),
      searchOrders: op('1.1.1', [
        'orders.id',
        'orders.customerId',
        'orders.status',
        'orders.totalCents',
        'orders.currency',
        'orders.placedAt',
        'total',
      ]),
      getOrderStatus: op('1.1.1'),
      createRefund: op('1.1.1'),
      listSubscriptions: op('1.2.0'),
      listCustomerEvents: op('1.2.0'),
      listFeatureFlags: op('1.0.1', ['key', 'enabled', 'rolloutPercent', 'updatedAt']),
      setFeatureFlag: op('1.0.1', ['key', 'enabled', 'rolloutPercent', 'updatedAt']),
      deleteFeatureFlag: op('1.0.1'),
    },
    timeoutMs: 10_000,
    maxResponseBytes: 2 * 1024 * 1024,
    retries: 2,
    followRedirects: false,
  };
}
