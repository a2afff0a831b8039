import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Identity } from '@gatehouse/kit';

/** A signed-in person: who (as their key says) and the CSRF token every form of theirs must send back. */
export interface Session {
  readonly id: string;
  readonly identity: Identity;
  readonly csrf: string;
  readonly expiresAt: number;
}

const token = () => randomBytes(32).toString('base64url');

/**
 * Sessions held in this process only: a restart signs everyone out, which is acceptable for a console and keeps
 * no session secret in the database. Bounded, so a flood of logins cannot grow memory without end.
 */
export function createSessionStore(options: { ttlMs?: number; max?: number; now?: () => number } = {}) {
  const ttlMs = options.ttlMs ?? 8 * 60 * 60 * 1000;
  const max = options.max ?? 10_000;
  const now = options.now ?? Date.now;
  const sessions = new Map<string, Session>();
  return {
    create(identity: Identity): Session {
      if (sessions.size >= max) {
        for (const [id, s] of sessions) if (s.expiresAt <= now()) sessions.delete(id);
        if (sessions.size >= max) sessions.delete(sessions.keys().next().value as string);
      }
      const session = { id: token(), identity, csrf: token(), expiresAt: now() + ttlMs };
      sessions.set(session.id, session);
      return session;
    },
    get(id: string | undefined): Session | undefined {
      if (id === undefined) return undefined;
      const session = sessions.get(id);
      if (session === undefined) return undefined;
      if (session.expiresAt <= now()) {
        sessions.delete(id);
        return undefined;
      }
      return session;
    },
    end(id: string): void {
      sessions.delete(id);
    },
  };
}

export type SessionStore = ReturnType<typeof createSessionStore>;

export { token as newToken };

/** Constant-time comparison of a sent token with the expected one. */
export function sameToken(sent: string | undefined, expected: string): boolean {
  if (sent === undefined) return false;
  const a = Buffer.from(sent);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
