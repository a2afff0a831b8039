// Preloaded into @aashari/mcp-server-atlassian-jira (`node --import`): it builds https://<site>.atlassian.net from
// ATLASSIAN_SITE_NAME and calls the global fetch, so this sends its requests to the fake Jira instead. Only the
// origin is rewritten: path, query, method, headers and body go through unchanged, and the answer is the fake's.
const target = process.env.BENCH_JIRA_FAKE_URL;
if (!target)
  throw new Error('BENCH_JIRA_FAKE_URL is not set: the origin to send <site>.atlassian.net requests to');
const origin = 'https://bench.atlassian.net';
const realFetch = globalThis.fetch;
globalThis.fetch = (input: string | URL | Request, init?: RequestInit) => {
  const url = input instanceof Request ? input.url : String(input);
  if (!url.startsWith(`${origin}/`)) return realFetch(input, init);
  const rewritten = `${target}${url.slice(origin.length)}`;
  return realFetch(input instanceof Request ? new Request(rewritten, input) : rewritten, init);
};
