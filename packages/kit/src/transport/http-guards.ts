/**
 * DNS-rebinding protection: a browser page on an attacker's domain that resolves to 127.0.0.1 sends its own
 * Host and Origin. Only the hostnames this server is known by, and only trusted origins, get through.
 */
const LOOPBACK_HOSTNAMES = ['localhost', '127.0.0.1', '::1', '[::1]'];

export function isLoopbackHost(host: string): boolean {
  return LOOPBACK_HOSTNAMES.includes(host) || host.startsWith('127.');
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
      if (loopback) {
        try {
          if (isLoopbackHost(hostnameOf(new URL(normalized).host))) return undefined;
        } catch {
          // fall through to the refusal
        }
      }
      return `Origin ${origin} is not allowed to call this server.`;
    },
  };
}
