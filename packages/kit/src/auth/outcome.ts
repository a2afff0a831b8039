import type { Identity } from '../identity.ts';

/**
 * Why a request's credentials were refused. `code` is the stable code the audit record carries (`token_expired`,
 * `unknown_api_key`, ...); `description` is written for the client and goes into the 401's `error_description`,
 * so it never quotes the credential itself.
 */
export interface AuthRefusal {
  readonly refusal: {
    readonly code: string;
    readonly description: string;
    /** The credential could not be checked right now (the issuer's keys are unreachable): 503, not 401. */
    readonly unavailable?: boolean;
  };
}

/** What an authenticator decides: who is calling, a reasoned refusal, or undefined (no usable credentials). */
export type AuthOutcome = Identity | AuthRefusal | undefined;

export function isAuthRefusal(outcome: AuthOutcome): outcome is AuthRefusal {
  return outcome !== undefined && 'refusal' in outcome;
}

export function authRefusal(code: string, description: string, unavailable = false): AuthRefusal {
  return { refusal: { code, description, ...(unavailable ? { unavailable } : {}) } };
}
