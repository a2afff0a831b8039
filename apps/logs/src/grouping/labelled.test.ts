import { describe, expect, it } from 'vitest';
import { ErrorGrouping } from './groups.ts';
import { messageTemplate } from './template.ts';

// Error lines as services write them, each labelled by hand with the incident it belongs to. Grouping is judged on
// every pair: precision = pairs grouped together that share a label, recall = pairs sharing a label that were
// grouped together.
const LABELLED: readonly (readonly [label: string, message: string])[] = [
  ['pay-502', 'payment provider returned 502 for invoice inv_88213409 after 1532ms'],
  ['pay-502', 'payment provider returned 502 for invoice inv_10023311 after 30001ms'],
  ['pay-502', 'payment provider returned 502 for invoice inv_77120004 after 98ms'],
  ['pg-refused', 'connect ECONNREFUSED 10.0.3.17:5432'],
  ['pg-refused', 'connect ECONNREFUSED 10.0.4.2:5432'],
  ['pg-refused', 'connect ECONNREFUSED 192.168.1.20:6432'],
  ['jwks', 'JWKS refresh from https://idp.tidewater.example/keys failed after 2104ms'],
  ['jwks', 'JWKS refresh from https://idp.tidewater.example/.well-known/jwks.json failed after 2931ms'],
  ['typeerror', "TypeError: Cannot read properties of undefined (reading 'currency')"],
  ['typeerror', "TypeError: Cannot read properties of undefined (reading 'amount')"],
  ['not-found', 'subscription sub_9XkQ21 not found'],
  ['not-found', 'subscription sub_1AbC77 not found'],
  ['not-found', 'subscription sub_7ZZt90 not found'],
  ['lock', 'timeout after 30s waiting for lock on table invoices'],
  ['lock', 'timeout after 5s waiting for lock on table invoices'],
  ['disk', 'ENOSPC: no space left on device, write /var/lib/worker/tmp/batch-2211.csv'],
  ['disk', 'ENOSPC: no space left on device, write /var/lib/worker/tmp/batch-0093.csv'],
  ['user', 'user "mara.k" has no active subscription'],
  ['user', 'user "li.wei" has no active subscription'],
  ['hash', 'object 3f9a2c1d8e7b4a60 missing from cache'],
  ['hash', 'object a0b1c2d3e4f5a6b7 missing from cache'],
  ['job', 'job 8812 failed: retry 3/5 in 2.5 s'],
  ['job', 'job 17 failed: retry 1/5 in 500 ms'],
  ['job', 'job 90211 failed: retry 5/5 in 30 s'],
  ['uuid', 'request 9f1c2e4a-1b2c-4d5e-8f90-1234567890ab rejected: quota exceeded'],
  ['uuid', 'request 00000000-1111-4222-8333-444444444444 rejected: quota exceeded'],
  ['mail', 'mail to ana.lopez@example.org bounced: mailbox full'],
  ['mail', 'mail to ole@example.net bounced: mailbox full'],
  ['index', 'index refresh failed: timeout after 25311ms'],
  ['index', 'index refresh failed: timeout after 31002ms'],
  // Different incidents that read alike: they must stay apart.
  ['declined', 'card declined for cus_40218: insufficient_funds'],
  ['declined-other', 'card declined for cus_40218: expired_card'],
  ['pg-auth', 'password authentication failed for user "billing_ro"'],
  ['pg-auth', 'password authentication failed for user "reporting"'],
  ['tls', 'certificate has expired for api.paystream.example'],
  ['tls-other', 'certificate signature failure for api.paystream.example'],
];

function pairwise(labels: readonly string[], groups: readonly string[]) {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (let i = 0; i < labels.length; i++) {
    for (let j = i + 1; j < labels.length; j++) {
      const together = groups[i] === groups[j];
      const same = labels[i] === labels[j];
      if (together && same) tp++;
      else if (together) fp++;
      else if (same) fn++;
    }
  }
  return { precision: tp / (tp + fp), recall: tp / (tp + fn) };
}

describe('error grouping on a labelled set', () => {
  it('groups the lines of one incident together and keeps incidents apart (precision and recall ≥ 0.9)', () => {
    const T = Date.UTC(2026, 11, 7);
    const grouping = new ErrorGrouping(T);
    for (const [i, [, message]] of LABELLED.entries()) grouping.add({ time: T + i, message, origin: 'x' });
    // Each line's group is its pattern, as find_recent_errors reports it.
    const predicted = LABELLED.map(([, message]) => messageTemplate(message));
    const { precision, recall } = pairwise(
      LABELLED.map(([label]) => label),
      predicted,
    );
    console.log(
      `grouping on ${LABELLED.length} labelled lines: precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)}`,
    );
    expect(new Set(predicted).size).toBe(grouping.groups().length);
    expect(precision).toBeGreaterThanOrEqual(0.9);
    expect(recall).toBeGreaterThanOrEqual(0.9);
  });
});
