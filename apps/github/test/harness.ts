import { afterAll, afterEach, beforeAll } from 'vitest';
import { type FakeGitHub, startFakeGitHub } from './fake-github.ts';
import { connectGitHub } from './fixtures.ts';

type Connection = Awaited<ReturnType<typeof connectGitHub>>;

/**
 * One fake GitHub for a test file: started before its tests, and after each test every connection made with
 * `connect` is checked (when `afterEachConnection` is given) and closed, and the fake's routes and record reset.
 */
export function useFakeGitHub(options: { afterEachConnection?: (connection: Connection) => void } = {}) {
  let fake: FakeGitHub | undefined;
  const open: Connection[] = [];
  beforeAll(async () => {
    fake = await startFakeGitHub();
  });
  afterEach(async () => {
    for (const connection of open) options.afterEachConnection?.(connection);
    await Promise.all(open.splice(0).map((c) => c.close()));
    fake?.reset();
  });
  afterAll(() => fake?.close());
  const started = () => {
    if (!fake) throw new Error('the fake GitHub starts in beforeAll; use it inside a test');
    return fake;
  };
  return {
    get fake(): FakeGitHub {
      return started();
    },
    /** The GitHub server against this file's fake (or `against`), closed after the test. */
    async connect(connectOptions: Parameters<typeof connectGitHub>[1] = {}, against?: FakeGitHub) {
      const connection = await connectGitHub(against ?? started(), connectOptions);
      open.push(connection);
      return connection;
    },
  };
}
