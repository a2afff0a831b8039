// Preloaded into @modelcontextprotocol/server-github (`node --import`): that server hard-codes https://api.github.com
// and calls the global fetch, so this sends its requests to the fake instead. Only the origin is rewritten: path,
// query, method, headers and body go through unchanged, and the answer is the fake's, untouched.
const target = process.env.BENCH_GITHUB_FAKE_URL;
if (!target)
  throw new Error('BENCH_GITHUB_FAKE_URL is not set: the origin to send api.github.com requests to');
const realFetch = globalThis.fetch;
globalThis.fetch = (input: string | URL | Request, init?: RequestInit) => {
  const url = input instanceof Request ? input.url : String(input);
  if (!url.startsWith('https://api.github.com/')) return realFetch(input, init);
  const rewritten = `${target}${url.slice('https://api.github.com'.length)}`;
  return realFetch(input instanceof Request ? new Request(rewritten, input) : rewritten, init);
};
