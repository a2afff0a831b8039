import { randomBytes } from 'node:crypto';
import { ErrorCode, ToolError } from '../errors.ts';

/**
 * Approval of a risky call, bound to who asked (actor), what (server + tool), the exact input (its digest) and
 * an expiry, and usable once. A person grants or denies it out of band; the caller's retry consumes it.
 */
export type ApprovalStatus = 'pending' | 'granted' | 'denied' | 'used' | 'expired';

/**
 * Where a person decided: the `gatehouse approvals` CLI, the console, or the calling client's own user through
 * elicitation (only for tools and roles whose approval mode is `in_band`).
 */
export type DecisionChannel = 'cli' | 'console' | 'elicitation';

/** Who decides an approval, and through which channel: both go on the record and into the call's audit. */
export interface Decider {
  readonly by: string;
  readonly via: DecisionChannel;
}

/** What a call that needs approval asks for: who, what, on what, with which input, for how long. */
export interface ApprovalRequest {
  readonly actor: string;
  readonly server: string;
  readonly tool: string;
  readonly inputDigest: string;
  readonly target: string;
  /** What the approver is asked to allow, in a sentence. */
  readonly summary: string;
  readonly ttlSeconds: number;
}

export interface ApprovalRecord extends Omit<ApprovalRequest, 'ttlSeconds'> {
  readonly id: string;
  readonly status: ApprovalStatus;
  readonly createdAt: string;
  readonly expiresAt: string;
  readonly decidedBy?: string;
  readonly decidedVia?: DecisionChannel;
  readonly decidedAt?: string;
  readonly reason?: string;
}

export interface ApprovalBinding {
  readonly actor: string;
  readonly server: string;
  readonly tool: string;
  readonly inputDigest: string;
  /** When given, this exact approval must be the one consumed. */
  readonly id?: string;
}

export interface ApprovalStore {
  create(request: ApprovalRequest): Promise<ApprovalRecord>;
  get(id: string): Promise<ApprovalRecord | undefined>;
  /** Oldest first. */
  list(filter?: { status?: ApprovalStatus; actor?: string }): Promise<ApprovalRecord[]>;
  /**
   * The newest request for exactly this call (actor, server, tool, input digest) that still stands at `now`: one
   * waiting for a person (pending), or one a person denied (until the request's expiry, so repeating a denied call
   * answers with the denial instead of asking again). Undefined when there is none.
   */
  current(binding: ApprovalBinding, now?: number): Promise<ApprovalRecord | undefined>;
  /** Only a pending, unexpired approval can be granted; otherwise ToolError `approval_invalid`. */
  grant(id: string, decider: Decider): Promise<ApprovalRecord>;
  /** A pending approval, or a granted one not used yet (revocation); otherwise ToolError `approval_invalid`. */
  deny(id: string, decider: Decider, reason?: string): Promise<ApprovalRecord>;
  /**
   * Atomically consumes a granted, unexpired approval matching exactly (actor, server, tool, inputDigest).
   * With `id`, that record must exist and match, else ToolError `approval_invalid` saying what did not
   * match. Without `id`, resolves undefined when no matching granted approval exists.
   */
  consume(binding: ApprovalBinding, now?: number): Promise<ApprovalRecord | undefined>;
}

interface Stored {
  readonly record: Omit<ApprovalRecord, 'status' | 'decidedBy' | 'decidedVia' | 'decidedAt' | 'reason'>;
  readonly expiresAtMs: number;
  readonly bindingKey: string;
  status: 'pending' | 'granted' | 'denied' | 'used';
  decidedBy?: string;
  decidedVia?: DecisionChannel;
  decidedAt?: string;
  reason?: string;
}

/**
 * A single-process store, bounded to `maxRecords` (default 10 000). When full, creating a record first drops
 * finished ones (used, denied, expired), oldest first; if every record is still live, the oldest goes.
 * Every method runs without awaiting anything, so each is atomic with respect to the others.
 */
export function createMemoryApprovalStore(
  options: { maxRecords?: number; now?: () => number } = {},
): ApprovalStore {
  const maxRecords = options.maxRecords ?? 10_000;
  if (!Number.isInteger(maxRecords) || maxRecords < 1) {
    throw new RangeError(`maxRecords must be a positive integer, got ${maxRecords}`);
  }
  const clock = options.now ?? Date.now;
  const records = new Map<string, Stored>();
  // Granted approvals by binding, so consuming without an id does not scan every record.
  const grantedByBinding = new Map<string, Set<string>>();

  const statusAt = (stored: Stored, now: number): ApprovalStatus =>
    (stored.status === 'pending' || stored.status === 'granted') && now >= stored.expiresAtMs
      ? 'expired'
      : stored.status;

  const view = (stored: Stored, now: number): ApprovalRecord => ({
    ...stored.record,
    status: statusAt(stored, now),
    ...(stored.decidedBy === undefined ? {} : { decidedBy: stored.decidedBy }),
    ...(stored.decidedVia === undefined ? {} : { decidedVia: stored.decidedVia }),
    ...(stored.decidedAt === undefined ? {} : { decidedAt: stored.decidedAt }),
    ...(stored.reason === undefined ? {} : { reason: stored.reason }),
  });

  const unindex = (stored: Stored) => {
    const ids = grantedByBinding.get(stored.bindingKey);
    ids?.delete(stored.record.id);
    if (ids?.size === 0) grantedByBinding.delete(stored.bindingKey);
  };

  const remove = (stored: Stored) => {
    unindex(stored);
    records.delete(stored.record.id);
  };

  const makeRoom = (now: number) => {
    if (records.size < maxRecords) return;
    for (const stored of records.values()) {
      if (statusAt(stored, now) !== 'pending' && statusAt(stored, now) !== 'granted') remove(stored);
    }
    if (records.size >= maxRecords) {
      const oldest = records.values().next();
      if (oldest.done !== true) remove(oldest.value);
    }
  };

  const find = (id: string): Stored => {
    const stored = records.get(id);
    if (stored === undefined) throw invalid(`approval ${id} does not exist (or has been purged)`);
    return stored;
  };

  /** Why a record in this state cannot be granted, denied or used; undefined when it is usable. */
  const unusable = (stored: Stored, now: number, wanted: 'pending' | 'granted'): string | undefined =>
    approvalUnusableReason(view(stored, now), wanted);

  return {
    async create(request) {
      checkApprovalTtl(request.ttlSeconds);
      const now = clock();
      makeRoom(now);
      const expiresAtMs = now + request.ttlSeconds * 1000;
      const stored: Stored = {
        record: {
          id: newApprovalId(),
          actor: request.actor,
          server: request.server,
          tool: request.tool,
          inputDigest: request.inputDigest,
          target: request.target,
          summary: request.summary,
          createdAt: new Date(now).toISOString(),
          expiresAt: new Date(expiresAtMs).toISOString(),
        },
        expiresAtMs,
        bindingKey: bindingKey(request),
        status: 'pending',
      };
      records.set(stored.record.id, stored);
      return view(stored, now);
    },

    async get(id) {
      const stored = records.get(id);
      return stored === undefined ? undefined : view(stored, clock());
    },

    async list(filter = {}) {
      const now = clock();
      const out: ApprovalRecord[] = [];
      for (const stored of records.values()) {
        if (filter.actor !== undefined && stored.record.actor !== filter.actor) continue;
        const record = view(stored, now);
        if (filter.status !== undefined && record.status !== filter.status) continue;
        out.push(record);
      }
      return out;
    },

    async current(binding, now = clock()) {
      const key = bindingKey(binding);
      let newest: Stored | undefined;
      for (const stored of records.values()) {
        if (stored.bindingKey !== key) continue;
        const status = statusAt(stored, now);
        if (status === 'pending' || (status === 'denied' && now < stored.expiresAtMs)) newest = stored;
      }
      return newest === undefined ? undefined : view(newest, now);
    },

    async grant(id, decider) {
      const now = clock();
      const stored = find(id);
      const problem = unusable(stored, now, 'pending');
      if (problem !== undefined) throw invalid(problem);
      stored.status = 'granted';
      decide(stored, decider);
      stored.decidedAt = new Date(now).toISOString();
      const ids = grantedByBinding.get(stored.bindingKey) ?? new Set<string>();
      grantedByBinding.set(stored.bindingKey, ids.add(id));
      return view(stored, now);
    },

    async deny(id, decider, reason) {
      const now = clock();
      const stored = find(id);
      const status = statusAt(stored, now);
      if (status !== 'pending' && status !== 'granted') {
        throw invalid(unusable(stored, now, 'pending') as string);
      }
      unindex(stored);
      stored.status = 'denied';
      decide(stored, decider);
      stored.decidedAt = new Date(now).toISOString();
      if (reason !== undefined) stored.reason = reason;
      return view(stored, now);
    },

    async consume(binding, now = clock()) {
      if (binding.id === undefined) {
        for (const id of grantedByBinding.get(bindingKey(binding)) ?? []) {
          const stored = records.get(id);
          if (stored === undefined || statusAt(stored, now) !== 'granted') continue;
          return use(stored, now);
        }
        return undefined;
      }
      const stored = find(binding.id);
      const mismatch = bindingMismatch(stored.record, binding);
      if (mismatch !== undefined) throw invalid(mismatch);
      const problem = unusable(stored, now, 'granted');
      if (problem !== undefined) throw invalid(problem);
      return use(stored, now);
    },
  };

  function decide(stored: Stored, decider: Decider): void {
    stored.decidedBy = decider.by;
    stored.decidedVia = decider.via;
  }

  function use(stored: Stored, now: number): ApprovalRecord {
    unindex(stored);
    stored.status = 'used';
    return view(stored, now);
  }
}

/** Why an approval cannot be used for this call (another actor, tool or input); undefined when it matches. */
export function bindingMismatch(
  record: Pick<ApprovalRecord, 'id' | 'actor' | 'server' | 'tool' | 'inputDigest'>,
  binding: ApprovalBinding,
): string | undefined {
  const id = record.id;
  // Another actor's approval: say no more than that it is not theirs.
  if (record.actor !== binding.actor) return `approval ${id} was requested by a different actor`;
  if (record.server !== binding.server || record.tool !== binding.tool) {
    return `approval ${id} is for tool ${record.tool} on server ${record.server}, not ${binding.tool} on ${binding.server}`;
  }
  if (record.inputDigest !== binding.inputDigest) {
    return `approval ${id} was requested for different input; the call must repeat exactly the approved input`;
  }
  return undefined;
}

function bindingKey(binding: Pick<ApprovalBinding, 'actor' | 'server' | 'tool' | 'inputDigest'>): string {
  return JSON.stringify([binding.actor, binding.server, binding.tool, binding.inputDigest]);
}

/**
 * Why an approval in this state cannot be granted (`wanted` pending) or used (`wanted` granted); undefined when
 * it can. Shared by every ApprovalStore so the messages are the same whichever store holds the record.
 */
export function approvalUnusableReason(
  record: ApprovalRecord,
  wanted: 'pending' | 'granted',
): string | undefined {
  const id = record.id;
  switch (record.status) {
    case wanted:
      return undefined;
    case 'expired':
      return `approval ${id} expired at ${record.expiresAt}; request a new one`;
    case 'used':
      return `approval ${id} has already been used; each approval allows one call`;
    case 'denied':
      return `approval ${id} was denied by ${record.decidedBy}${record.reason === undefined ? '' : `: ${record.reason}`}`;
    case 'pending':
      return `approval ${id} is still pending: a person must grant it first`;
    case 'granted':
      return `approval ${id} was already granted by ${record.decidedBy}`;
  }
}

function invalid(message: string): ToolError {
  return new ToolError(ErrorCode.ApprovalInvalid, message);
}

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

/** `apr_` + 128 random bits in lowercase base32 (26 characters): unguessable, safe in URLs and shells. */
/** Both stores refuse a request that would never be usable (a bug in the caller, not a user error). */
export function checkApprovalTtl(ttlSeconds: number): void {
  if (!(Number.isFinite(ttlSeconds) && ttlSeconds > 0)) {
    throw new RangeError(`approval ttlSeconds must be a number greater than 0, got ${ttlSeconds}`);
  }
}

export function newApprovalId(): string {
  const bytes = randomBytes(16);
  let bits = 0;
  let value = 0;
  let out = 'apr_';
  for (const byte of bytes) {
    value = ((value << 8) | byte) & 0xfff; // at most 12 bits are pending at once
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}
