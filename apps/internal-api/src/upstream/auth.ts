// A service's own credentials, read once at start from the environment variable or file the settings name. The
// caller's token is never among them: nothing of the MCP request reaches the adapter but the validated input.
import { readFileSync } from 'node:fs';
import { ConfigError, ErrorCode, ToolError } from '@gatehouse/kit';
import type { AuthSettings } from '../config.ts';

/** Adds the service's credentials to a request's headers. */
export interface Credentials {
  /** The header this service's credential travels in (reserved: no input may set it). */
  readonly header: string | undefined;
  apply(headers: Record<string, string>, signal: AbortSignal): Promise<void>;
}

interface SecretRef {
  readonly env?: string | undefined;
  readonly file?: string | undefined;
}

/** The secret's value; a ConfigError naming the setting when it is missing. Never logged, never in a message. */
export function readSecret(ref: SecretRef, setting: string, env: NodeJS.ProcessEnv = process.env): string {
  if (ref.env) {
    const value = env[ref.env];
    if (!value) throw new ConfigError([`${setting}.env: environment variable ${ref.env} is not set`]);
    return value.trim();
  }
  try {
    return readFileSync(ref.file ?? '', 'utf8').trim();
  } catch (error) {
    throw new ConfigError([
      `${setting}.file: cannot read ${ref.file} (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
    ]);
  }
}

export function credentialsFor(
  auth: AuthSettings,
  setting: string,
  env: NodeJS.ProcessEnv = process.env,
): Credentials {
  switch (auth.type) {
    case 'none':
      return { header: undefined, apply: async () => {} };
    case 'apiKey': {
      const value = readSecret(auth.secret, `${setting}.secret`, env);
      return {
        header: auth.header.toLowerCase(),
        apply: async (headers) => {
          headers[auth.header.toLowerCase()] = value;
        },
      };
    }
    case 'bearer': {
      const token = readSecret(auth.secret, `${setting}.secret`, env);
      return {
        header: 'authorization',
        apply: async (headers) => {
          headers.authorization = `Bearer ${token}`;
        },
      };
    }
    case 'oauth2': {
      const secret = readSecret(auth.clientSecret, `${setting}.clientSecret`, env);
      const tokens = clientCredentials(auth.tokenUrl, auth.clientId, secret, auth.scopes);
      return {
        header: 'authorization',
        apply: async (headers, signal) => {
          headers.authorization = `Bearer ${await tokens(signal)}`;
        },
      };
    }
  }
}

/** OAuth 2.0 client credentials (RFC 6749 §4.4): one token, reused until shortly before it expires. */
function clientCredentials(tokenUrl: string, clientId: string, secret: string, scopes: readonly string[]) {
  let cached: { token: string; until: number } | undefined;
  return async (signal: AbortSignal): Promise<string> => {
    if (cached && Date.now() < cached.until) return cached.token;
    const form = new URLSearchParams({ grant_type: 'client_credentials' });
    if (scopes.length > 0) form.set('scope', scopes.join(' '));
    const basic = Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(secret)}`).toString(
      'base64',
    );
    let response: Response;
    try {
      response = await fetch(tokenUrl, {
        method: 'POST',
        headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
        body: form,
        redirect: 'error',
        signal,
      });
    } catch {
      throw new ToolError(ErrorCode.UpstreamUnavailable, 'The token endpoint could not be reached.');
    }
    const body = (await response.json().catch(() => ({}))) as {
      access_token?: unknown;
      expires_in?: unknown;
    };
    if (!response.ok || typeof body.access_token !== 'string') {
      throw new ToolError(
        'upstream_auth',
        `The token endpoint refused the client credentials (HTTP ${response.status}); check the service's auth settings.`,
      );
    }
    const lifetime = typeof body.expires_in === 'number' ? body.expires_in : 300;
    cached = { token: body.access_token, until: Date.now() + Math.max(0, lifetime - 30) * 1000 };
    return cached.token;
  };
}
