import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Identity } from '@gatehouse/kit';
import {
  type ApiKeyEntry,
  type AuditSink,
  createPostgresApprovalStore,
  createPostgresAuditSink,
  type DiscoveredServer,
} from '@gatehouse/kit/operator';
import type { Pool } from 'pg';
import { approvalRoutes } from './approvals.ts';
import { consoleAudit } from './audit.ts';
import { auditRoutes } from './audit-routes.ts';
import { continuePage, loginPage, page, text, type Viewer } from './html.ts';
import { clientAddress, parseCookies, Refusal, readForm, redirect, send } from './http.ts';
import { inventoryRoutes } from './inventory.ts';
import { isApprover, keyChecker } from './keys.ts';
import { type LiveOptions, liveRoute } from './live.ts';
import { type ConsoleOAuthOptions, createOAuthSignIn, type OAuthSignIn } from './oauth.ts';
import { createSessionStore, newToken, type Session, sameToken } from './sessions.ts';
import { createThrottle, type ThrottleOptions } from './throttle.ts';

export interface ConsoleOptions {
  /** The Gatehouse PostgreSQL store the servers and the CLI use (approvals, audit log). */
  readonly pool: Pool;
  /** GATEHOUSE_API_KEYS as the servers have it: a key signs in as the actor it is bound to. */
  readonly apiKeys: readonly ApiKeyEntry[];
  /** The servers shown on the inventory page (discovered from the repository). */
  readonly servers?: readonly DiscoveredServer[];
  /** The repository's README, whose token tables the inventory shows. */
  readonly rootReadme?: string;
  /** Where the console's own records go; default the PostgreSQL audit sink on `pool` (closed with the console). */
  readonly audit?: AuditSink;
  /** The live tail's polling (see live.ts). */
  readonly live?: Omit<LiveOptions, 'stillSignedIn'>;
  /** Sign-in through the identity provider the servers trust, besides API keys (see oauth.ts). */
  readonly oauth?: Omit<ConsoleOAuthOptions, 'consoleUrl'> & { readonly consoleUrl?: string };
  /** Sign-in backoff per address (see throttle.ts). */
  readonly throttle?: ThrottleOptions;
  readonly host?: string;
  readonly port?: number;
}

export interface RunningConsole {
  readonly url: string;
  close(): Promise<void>;
}

/** What a route gets: the request, the signed-in person, and the parsed URL. */
export interface RouteContext {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly url: URL;
  readonly session: Session;
  readonly viewer: Viewer;
  /** The POSTed form, its CSRF token already checked. */
  readonly form?: URLSearchParams;
}

/** A route: a method and a path pattern (named groups become `params`). */
export interface Route {
  readonly method: 'GET' | 'POST';
  readonly path: RegExp;
  handle(ctx: RouteContext, params: Record<string, string>): Promise<void>;
}

const SESSION_COOKIE = 'gatehouse_console';
const LOGIN_COOKIE = 'gatehouse_console_login';
const STATIC: Record<string, { body: Buffer; type: string }> = {
  '/static/console.css': { body: readStatic('console.css'), type: 'text/css; charset=utf-8' },
  '/static/live.js': { body: readStatic('live.js'), type: 'text/javascript; charset=utf-8' },
};

const isLoopback = (host: string) => host === '127.0.0.1' || host === '::1' || host === 'localhost';

/** Serves the console on loopback by default; resolves once it listens. */
export async function startConsole(options: ConsoleOptions): Promise<RunningConsole> {
  const host = options.host ?? '127.0.0.1';
  // Over plain HTTP on loopback a Secure cookie would not be sent back; anywhere else it must be.
  const secure = !isLoopback(host);
  const cookieFlags = `Path=/; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`;
  // The pre-session token must come back with the identity provider's redirect (a cross-site navigation), which
  // Strict would withhold; it grants nothing by itself.
  const loginCookieFlags = `Path=/; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`;
  const sessions = createSessionStore();
  const checkKey = keyChecker(options.apiKeys);
  const throttle = createThrottle(options.throttle);
  const sink = options.audit ?? createPostgresAuditSink(options.pool);
  const audit = consoleAudit(sink);
  const approvals = createPostgresApprovalStore(options.pool);
  // Made once the console listens: its own URL is the tokens' audience unless configured (behind a proxy).
  let oauth: OAuthSignIn | undefined;
  const routes: Route[] = [
    ...approvalRoutes(approvals, audit, options.pool),
    liveRoute(options.pool, {
      ...options.live,
      stillSignedIn: (id) => sessions.get(id) !== undefined,
    }),
    ...auditRoutes(options.pool),
    ...inventoryRoutes(options.servers ?? [], options.rootReadme),
  ];

  /**
   * The sign-in form, with its pre-session token: the browser's current one when it has one, so a second tab or a
   * stray request that lands here (a favicon) does not invalidate the form already open.
   */
  const showLogin = (
    req: IncomingMessage,
    res: ServerResponse,
    status: number,
    problem?: string,
    code?: string,
  ) => {
    const current = parseCookies(req.headers.cookie)[LOGIN_COOKIE];
    const csrf = current !== undefined && /^[\w-]{43}$/.test(current) ? current : newToken();
    res.setHeader('set-cookie', `${LOGIN_COOKIE}=${csrf}; ${loginCookieFlags}; Max-Age=3600`);
    if (code !== undefined) res.setHeader('x-gatehouse-error', code);
    send(res, status, loginPage(csrf, problem, oauth !== undefined));
  };

  /** A session for `identity`: the cookie set, the pre-session one cleared, and off to the inbox. */
  const startSession = (res: ServerResponse, identity: Identity) => {
    const created = sessions.create(identity);
    redirect(res, '/', [
      `${SESSION_COOKIE}=${created.id}; ${cookieFlags}`,
      `${LOGIN_COOKIE}=; ${loginCookieFlags}; Max-Age=0`,
    ]);
  };

  /** Whether `key` (an address) is held back from signing in; if so, the answer (429) is sent. */
  const heldBack = (req: IncomingMessage, res: ServerResponse, key: string): boolean => {
    const wait = throttle.wait(key);
    if (wait === 0) return false;
    res.setHeader('retry-after', String(Math.ceil(wait / 1000)));
    showLogin(req, res, 429, tooMany(wait), 'rate_limited');
    return true;
  };

  async function signIn(req: IncomingMessage, res: ServerResponse, cookies: Record<string, string>) {
    const form = await readForm(req);
    const expected = cookies[LOGIN_COOKIE];
    if (expected === undefined || !sameToken(form.get('csrf') ?? undefined, expected)) {
      return showLogin(req, res, 403, 'The sign-in form expired; try again.', 'csrf_invalid');
    }
    const address = clientAddress(req);
    const key = `address:${address}`;
    // Not even checked: while held back, a right key is refused like a wrong one (nothing learned by guessing).
    if (heldBack(req, res, key)) return;
    const identity = checkKey(form.get('key') ?? '');
    if (identity === undefined) {
      const held = throttle.fail(key);
      await audit.refusedSignIn(address, held > 0 ? 'rate_limited' : 'unauthenticated');
      if (held > 0) res.setHeader('retry-after', String(Math.ceil(held / 1000)));
      return showLogin(
        req,
        res,
        401,
        `That key is not accepted here.${held > 0 ? ` ${tooMany(held)}` : ''}`,
        'unauthenticated',
      );
    }
    throttle.succeed(key);
    return startSession(res, identity);
  }

  /**
   * The provider's answer. The state must be one this browser started (bound to its pre-session cookie), so a
   * link from elsewhere cannot sign a person in as someone else; a refused answer counts against the address.
   */
  async function oauthCallback(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    cookies: Record<string, string>,
  ) {
    if (oauth === undefined) throw new Refusal(404, 'not_found', 'No such page.');
    const address = clientAddress(req);
    const key = `address:${address}`;
    if (heldBack(req, res, key)) return;
    const outcome = await oauth.finish(url.searchParams, cookies[LOGIN_COOKIE]);
    if ('code' in outcome) {
      throttle.fail(key);
      await audit.refusedSignIn(address, outcome.code);
      return showLogin(
        req,
        res,
        outcome.code === 'oauth_unavailable' ? 503 : 401,
        outcome.message,
        outcome.code,
      );
    }
    throttle.succeed(key);
    // Arrived from the provider (cross-site), so a redirect would still not carry the Strict session cookie: a
    // page of ours continues to the inbox, a same-site navigation that does.
    const created = sessions.create(outcome.identity);
    res.setHeader('set-cookie', [
      `${SESSION_COOKIE}=${created.id}; ${cookieFlags}`,
      `${LOGIN_COOKIE}=; ${loginCookieFlags}; Max-Age=0`,
    ]);
    send(res, 200, continuePage());
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://console.invalid');
    const route = `${req.method} ${url.pathname}`;
    const cookies = parseCookies(req.headers.cookie);
    const session = sessions.get(cookies[SESSION_COOKIE]);

    const file = req.method === 'GET' ? STATIC[url.pathname] : undefined;
    if (file !== undefined) return send(res, 200, file.body, file.type);
    if (route === 'GET /login') return session ? redirect(res, '/') : showLogin(req, res, 200);
    if (route === 'GET /favicon.ico') return send(res, 404, '', 'text/plain');
    if (route === 'POST /login') return signIn(req, res, cookies);
    if (route === 'GET /login/oauth' && oauth !== undefined) {
      // The browser's pre-session token binds the provider's answer to this browser; one is made if it has none.
      const current = cookies[LOGIN_COOKIE];
      const browser = current !== undefined && /^[\w-]{43}$/.test(current) ? current : newToken();
      return redirect(res, oauth.start(browser), [
        `${LOGIN_COOKIE}=${browser}; ${loginCookieFlags}; Max-Age=3600`,
      ]);
    }
    if (route === 'GET /oauth/callback') return oauthCallback(req, res, url, cookies);
    if (session === undefined) {
      if (req.method === 'GET' && !url.pathname.startsWith('/audit/live')) return redirect(res, '/login');
      throw new Refusal(401, 'unauthenticated', 'Sign in first.');
    }
    const viewer = viewerOf(session);
    let form: URLSearchParams | undefined;
    if (req.method === 'POST') {
      form = await readForm(req);
      if (!sameToken(form.get('csrf') ?? undefined, session.csrf)) {
        throw new Refusal(
          403,
          'csrf_invalid',
          'The form did not carry this session’s token; reload the page.',
        );
      }
      if (url.pathname === '/logout') {
        sessions.end(session.id);
        return redirect(res, '/login', [`${SESSION_COOKIE}=; ${cookieFlags}; Max-Age=0`]);
      }
    }
    for (const r of routes) {
      if (r.method !== req.method) continue;
      const match = r.path.exec(url.pathname);
      if (match === null) continue;
      const params = Object.fromEntries(
        Object.entries(match.groups ?? {}).map(([k, v]) => [k, decodeURIComponent(v)]),
      );
      return r.handle({ req, res, url, session, viewer, ...(form ? { form } : {}) }, params);
    }
    throw new Refusal(404, 'not_found', 'No such page.');
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      const refusal =
        error instanceof Refusal
          ? error
          : new Refusal(500, 'internal_error', 'The console failed; see its log.');
      if (!(error instanceof Refusal)) process.stderr.write(`[console] ${(error as Error).stack ?? error}\n`);
      if (res.headersSent) return void res.end();
      res.setHeader('x-gatehouse-error', refusal.code);
      for (const [name, value] of Object.entries(refusal.headers)) res.setHeader(name, value);
      const session = sessions.get(parseCookies(req.headers.cookie)[SESSION_COOKIE]);
      send(
        res,
        refusal.status,
        page(
          'Refused',
          `<p class="problem" role="alert" data-code="${text(refusal.code)}">${text(refusal.message)}</p><p><a href="/">Back to the inbox</a></p>`,
          session && viewerOf(session),
        ),
      );
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}/`;
  if (options.oauth !== undefined) {
    oauth = createOAuthSignIn({ ...options.oauth, consoleUrl: options.oauth.consoleUrl ?? url });
  }
  return {
    url,
    async close() {
      await new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
      if (options.audit === undefined) await sink.close();
    },
  };
}

const viewerOf = (session: Session): Viewer => ({
  actor: session.identity.actor,
  csrf: session.csrf,
  approver: isApprover(session.identity),
});

const tooMany = (ms: number) =>
  `Too many failed sign-ins from this address: try again in ${Math.ceil(ms / 1000)} s.`;

function readStatic(name: string): Buffer {
  return readFileSync(new URL(`../static/${name}`, import.meta.url));
}
