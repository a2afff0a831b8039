import { isIP } from 'node:net';

/**
 * DNS-rebinding protection: a browser page on an attacker's domain that resolves to 127.0.0.1 sends its own
 * Host and Origin. Only the hostnames this server is known by, and only trusted origins, get through.
 */
const LOOPBACK_HOSTNAMES = ['localhost', '127.0.0.1', '::1', '[::1]'];

/**
 * Whether a hostname is a loopback address: `localhost`, an IPv4 literal in 127.0.0.0/8, or `::1` (bracketed or
 * not). Decided on the parsed address, never on a prefix: `127.evil.example` is a DNS name anyone can point
 * anywhere, not a loopback address.
 */
export function isLoopbackHost(host: string): boolean {
  const name = host.toLowerCase();
  if (LOOPBACK_HOSTNAMES.includes(name)) return true;
  if (isIP(name) === 4) return name.split('.')[0] === '127';
  const bare = name.startsWith('[') && name.endsWith(']') ? name.slice(1, -1) : name;
  // Every spelling of ::1 (0:0:0:0:0:0:0:1, ::0001) is the same address; URL parsing gives its one canonical form.
  if (isIP(bare) === 6) {
    try {
      return new URL(`http://[${bare}]/`).hostname === '[::1]';
    } catch {
      return false;
    }
  }
  return false;
}

/** Hostname of a Host header value, without the port (IPv6 literals keep their brackets). */
export function hostnameOf(hostHeader: string): string {
  if (hostHeader.startsWith('[')) {
    const end = hostHeader.indexOf(']');
    return end === -1 ? hostHeader : hostHeader.slice(0, end + 1);
  }
  const colon = hostHeader.indexOf(':');
  return (colon === -1 ? hostHeader : hostHeader.slice(0, colon)).toLowerCase();
}

export interface HostGuard {
  /** A reason to refuse, or undefined when the request may proceed. */
  check(host: string | undefined, origin: string | undefined): string | undefined;
}

export function createHostGuard(
  bindHost: string,
  allowedHosts: readonly string[] | undefined,
  allowedOrigins: readonly string[] | undefined,
): HostGuard {
  const hosts = new Set(
    (allowedHosts?.length ? allowedHosts : isLoopbackHost(bindHost) ? LOOPBACK_HOSTNAMES : []).map((h) =>
      h.toLowerCase(),
    ),
  );
  const origins = new Set((allowedOrigins ?? []).map((o) => o.toLowerCase().replace(/\/$/, '')));
  const loopback = isLoopbackHost(bindHost);
  return {
    check(host, origin) {
      if (!host) return 'The request has no Host header.';
      const hostname = hostnameOf(host);
      if (!hosts.has(hostname))
        return `Host ${hostname} is not one this server answers to (DNS rebinding protection).`;
      if (origin === undefined) return undefined;
      const normalized = origin.toLowerCase().replace(/\/$/, '');
      if (origins.has(normalized)) return undefined;
      if (loopback && isLoopbackOrigin(normalized)) return undefined;
      return `Origin ${origin} is not allowed to call this server.`;
    },
  };
}

/** An http(s) origin whose parsed host is a loopback address (a local inspector, a local web app). */
function isLoopbackOrigin(origin: string): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  return (url.protocol === 'http:' || url.protocol === 'https:') && isLoopbackHost(url.hostname);
}
