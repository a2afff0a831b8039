import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { checkContracts } from '@gatehouse/kit/testing';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { InternalApiSettingsSchema } from '../src/config.ts';
import { DEMO_SPEC_FILE } from '../src/demo/service.ts';
import { demoServiceSettings } from '../src/demo/settings.ts';
import { contractDrift } from '../src/drift.ts';
import { parseSpec } from '../src/openapi/load.ts';
import { internalApiServer } from '../src/server.ts';
import { loadServices } from '../src/services.ts';

// Tools are generated from the document, so a change to the document is a change to their contracts: the kit's
// contract rules (a version bump, a major one when breaking, then the snapshot) apply to it like to any tool.
const contracts = fileURLToPath(new URL('../contracts', import.meta.url));
const original = parse(readFileSync(DEMO_SPEC_FILE, 'utf8'));

async function loadedFrom(doc: unknown, versions: Record<string, string> = {}) {
  const service = demoServiceSettings('http://127.0.0.1:9/v1');
  for (const [id, version] of Object.entries(versions)) {
    service.operations[id] = { ...service.operations[id], version };
  }
  const settings = InternalApiSettingsSchema.parse({ services: [service] });
  const specs = new Map([['demo', await parseSpec(stringify(doc), 'changed.yaml')]]);
  return loadServices(settings, { specs, env: { GATEHOUSE_INTERNAL_API_DEMO_KEY: 'unused' } });
}

async function definitionFrom(doc: unknown, versions: Record<string, string> = {}) {
  return internalApiServer(await loadedFrom(doc, versions));
}

async function driftOf(doc: unknown, dir: string, versions: Record<string, string> = {}) {
  const loaded = await loadedFrom(doc, versions);
  return contractDrift(loaded, internalApiServer(loaded), dir);
}

function changed() {
  const doc = structuredClone(original);
  // A parameter that became required: breaking for every caller that left it out.
  const limit = doc.paths['/orders'].get.parameters.find((p: { name: string }) => p.name === 'limit');
  limit.required = true;
  // A response field removed: breaking for every caller that read it.
  delete doc.paths['/orders/{orderId}/status'].get.responses['200'].content['application/json'].schema
    .allOf[1].properties.carrier;
  return doc;
}

describe('a changed OpenAPI document', () => {
  it('leaves every contract as snapshotted while the document is unchanged', async () => {
    expect(await checkContracts(await definitionFrom(original), contracts, { update: false })).toEqual([]);
  });

  it('shows up as contract changes of exactly the tools it changes', async () => {
    const problems = await checkContracts(await definitionFrom(changed()), contracts, { update: false });
    expect(problems.map((p) => p.split(':')[0])).toEqual(['tool search_orders', 'tool get_order_status']);
    expect(problems[0]).toContain('contract changed but version is still 1.1.1');
    expect(problems[0]).toContain('"limit"');
  });

  it('needs a major version bump for a breaking change, and accepts one', async () => {
    const minor = await checkContracts(
      await definitionFrom(changed(), { searchOrders: '1.2.0', getOrderStatus: '1.2.0' }),
      contracts,
      { update: false },
    );
    expect(minor[0]).toContain(
      'breaking change needs a major version bump (from 1.1.1): input.limit: now required',
    );
    expect(minor[1]).toContain('output.carrier: removed');
    const major = await checkContracts(
      await definitionFrom(changed(), { searchOrders: '2.0.0', getOrderStatus: '2.0.0' }),
      contracts,
      { update: false },
    );
    expect(major.map((p) => p.split(':')[1]?.split('\n')[0]?.trim())).toEqual([
      'snapshot is out of date (1.1.1 -> 2.0.0); write it with GATEHOUSE_UPDATE_CONTRACTS=1 pnpm test',
      'snapshot is out of date (1.1.1 -> 2.0.0); write it with GATEHOUSE_UPDATE_CONTRACTS=1 pnpm test',
    ]);
  });
});

describe('drift at start-up', () => {
  it('finds none while the document matches the snapshots', async () => {
    expect(await driftOf(original, contracts)).toEqual([]);
  });

  it('names each changed tool, whether it breaks clients, and the setting to bump', async () => {
    const findings = await driftOf(changed(), contracts);
    expect(findings.map((f) => [f.tool, f.code, f.target])).toEqual([
      ['search_orders', 'contract_drift', 'api:demo/search_orders'],
      ['get_order_status', 'contract_drift', 'api:demo/get_order_status'],
    ]);
    expect(findings[0]?.message).toBe(
      'search_orders: the document changed its contract since snapshot 1.1.1 (breaking: input.limit: now required); bump operations.searchOrders.version (major) and update the snapshot',
    );
    const bumped = await driftOf(changed(), contracts, { searchOrders: '2.0.0', getOrderStatus: '1.2.0' });
    expect(bumped.map((f) => [f.tool, f.code])).toEqual([
      ['search_orders', 'contract_versioned'],
      ['get_order_status', 'contract_drift'],
    ]);
  });
});

describe('drift without snapshots', () => {
  it('reports nothing when the folder holds no snapshots (a container image leaves contracts/ out)', async () => {
    expect(await driftOf(changed(), '/nonexistent/contracts')).toEqual([]);
  });
});
