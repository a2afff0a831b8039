import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isToolError } from '@gatehouse/kit';
import type { ApiKeyEntry, ApprovalStore } from '@gatehouse/kit/operator';
import { inboxPage, loginPage, page, text } from './html.ts';
import { isApprover, keyChecker } from './keys.ts';
import { createSessionStore, newToken, type Session, sameToken } from './sessions.ts';

export interface ConsoleOptions {
  /** The same PostgreSQL approval store the servers and the CLI use. */
  readonly approvals: ApprovalStore;
  /** GATEHOUSE_API_KEYS as the servers have it: a key signs in as the actor it is bound to. */
  readonly apiKeys: readonly ApiKeyEntry[];
  readonly host?: string;
  readonly port?: number;
}

export interface RunningConsole {
  readonly url: string;
  close(): Promise<void>;
}

const SESSION_COOKIE = 'gatehouse_console';
const LOGIN_COOKIE = 'gatehouse_console_login';
const MAX_BODY_BYTES = 16 * 1024;
const CSS = readFileSync(new URL('../static/console.css', import.meta.url));
const SECURITY_HEADERS = {
  // No script at all, no inline style, nothing framed, forms only back to this origin.
  'content-security-policy':
    "default-src 'self'; script-src 'none'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cache-control': 'no-store',
};

/** Why a request was refused: a stable code (sent as `x-gatehouse-error` and on the page) and the HTTP status. */
class Refusal extends Error {
  readonly status: number;
  readonly code: string;
  constructor(status: number, code: string, message: string) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

const isLoopback = (host: string) => host === '127.0.0.1' || host === '::1' || host === 'localhost';

/** Serves the console on loopback by default; resolves once it listens. */
export async function startConsole(options: ConsoleOptions): Promise<RunningConsole> {
  const host = options.host ?? '127.0.0.1';
  // Over plain HTTP on loopback a Secure cookie would not be sent back; anywhere else it must be.
  const secure = !isLoopback(host);
  const cookieFlags = `Path=/; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`;
  const sessions = createSessionStore();
  const checkKey = keyChecker(options.apiKeys);

  const send = (
    res: ServerResponse,
    status: number,
    body: string | Buffer,
    type = 'text/html; charset=utf-8',
  ) => {
    res.writeHead(status, { ...SECURITY_HEADERS, 'content-type': type });
    res.end(body);
  };
  const redirect = (res: ServerResponse, to: string, cookies: string[] = []) => {
    res.writeHead(303, {
      ...SECURITY_HEADERS,
      location: to,
      ...(cookies.length ? { 'set-cookie': cookies } : {}),
    });
    res.end();
  };
  const showLogin = (res: ServerResponse, status: number, problem?: string) => {
    const csrf = newToken();
    res.setHeader('set-cookie', `${LOGIN_COOKIE}=${csrf}; ${cookieFlags}; Max-Age=3600`);
    send(res, status, loginPage(csrf, problem));
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://console.invalid');
    const route = `${req.method} ${url.pathname}`;
    const cookies = parseCookies(req.headers.cookie);
    const session = sessions.get(cookies[SESSION_COOKIE]);

    if (route === 'GET /static/console.css') return send(res, 200, CSS, 'text/css; charset=utf-8');
    if (route === 'GET /login') return session ? redirect(res, '/') : showLogin(res, 200);
    if (route === 'POST /login') {
      const form = await readForm(req);
      const expected = cookies[LOGIN_COOKIE];
      if (expected === undefined || !sameToken(form.get('csrf') ?? undefined, expected)) {
        return showLogin(res, 403, 'The sign-in form expired; try again.');
      }
      const identity = checkKey(form.get('key') ?? '');
      if (identity === undefined) return showLogin(res, 401, 'That key is not accepted here.');
      const created = sessions.create(identity);
      return redirect(res, '/', [
        `${SESSION_COOKIE}=${created.id}; ${cookieFlags}`,
        `${LOGIN_COOKIE}=; ${cookieFlags}; Max-Age=0`,
      ]);
    }
    if (session === undefined) {
      if (req.method === 'GET' && url.pathname === '/') return redirect(res, '/login');
      throw new Refusal(401, 'unauthenticated', 'Sign in first.');
    }
    if (route === 'GET /') {
      const pending = await options.approvals.list({ status: 'pending' });
      const decided = url.searchParams.get('decided');
      const notice = decided === 'grant' ? 'Approved.' : decided === 'deny' ? 'Denied.' : undefined;
      return send(res, 200, inboxPage(pending, who(session), notice));
    }
    if (req.method !== 'POST') throw new Refusal(404, 'not_found', 'No such page.');
    const form = await readForm(req);
    if (!sameToken(form.get('csrf') ?? undefined, session.csrf)) {
      throw new Refusal(403, 'csrf_invalid', 'The form did not carry this session’s token; reload the page.');
    }
    if (route === 'POST /logout') {
      sessions.end(session.id);
      return redirect(res, '/login', [`${SESSION_COOKIE}=; ${cookieFlags}; Max-Age=0`]);
    }
    const decide = /^\/approvals\/([^/]+)\/decide$/.exec(url.pathname);
    if (decide === null) throw new Refusal(404, 'not_found', 'No such page.');
    await decideApproval(session, decodeURIComponent(decide[1] as string), form);
    return redirect(res, `/?decided=${form.get('action')}`);
  }

  async function decideApproval(session: Session, id: string, form: URLSearchParams): Promise<void> {
    const action = form.get('action');
    if (action !== 'grant' && action !== 'deny') {
      throw new Refusal(400, 'invalid_form', 'action: expected grant or deny.');
    }
    const { actor } = session.identity;
    if (!isApprover(session.identity)) {
      throw new Refusal(
        403,
        'forbidden',
        `${actor} is not an approver (role approver or scope approvals:decide).`,
      );
    }
    const record = await options.approvals.get(id);
    if (record === undefined) throw new Refusal(404, 'approval_invalid', `No approval ${id}.`);
    if (record.actor === actor) {
      throw new Refusal(403, 'self_approval', 'Nobody decides their own request: another approver must.');
    }
    const reason = form.get('reason')?.trim() || undefined;
    const decider = { by: actor, via: 'console' } as const;
    try {
      if (action === 'grant') await options.approvals.grant(id, decider);
      else await options.approvals.deny(id, decider, reason);
    } catch (error) {
      // Already decided, expired, or used: the store's own words are what the approver needs.
      if (isToolError(error)) throw new Refusal(409, error.code, error.message);
      throw error;
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      const refusal =
        error instanceof Refusal ? error : new Refusal(500, 'internal', 'The console failed; see its log.');
      if (!(error instanceof Refusal)) process.stderr.write(`[console] ${(error as Error).stack ?? error}\n`);
      if (res.headersSent) return void res.end();
      res.setHeader('x-gatehouse-error', refusal.code);
      const session = sessions.get(parseCookies(req.headers.cookie)[SESSION_COOKIE]);
      send(
        res,
        refusal.status,
        page(
          'Refused',
          `<p class="problem" role="alert" data-code="${text(refusal.code)}">${text(refusal.message)}</p><p><a href="/">Back to the inbox</a></p>`,
          session && who(session),
        ),
      );
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const who = (session: Session) => ({
  actor: session.identity.actor,
  csrf: session.csrf,
  approver: isApprover(session.identity),
});

function parseCookies(header: string | undefined): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) cookies[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
  }
  return cookies;
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const type = req.headers['content-type'] ?? '';
  if (!type.startsWith('application/x-www-form-urlencoded')) {
    throw new Refusal(415, 'invalid_form', 'Expected a form (application/x-www-form-urlencoded).');
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new Refusal(413, 'too_large', 'The form is too large.');
    chunks.push(chunk as Buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}
