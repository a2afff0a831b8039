// Plain Node, no TypeScript in the kit: every entry that needs no optional peer loads from the installed package,
// and the consumer's server answers the official SDK client in memory. Prints one JSON line for the test to read.
import * as kit from '@gatehouse/kit';
import * as operator from '@gatehouse/kit/operator';
import * as testing from '@gatehouse/kit/testing';
import { wordsServer } from './server.ts';

const connection = await testing.connectInMemory(wordsServer(), {
  policy: testing.parsePolicy('roles:\n  reader: { scopes: [words:read], tools: ["*"], targets: ["**"] }\n'),
  identity: { actor: 'consumer', roles: ['reader'], scopes: [], via: 'stdio' },
  audit: testing.createMemoryAuditSink(),
});
try {
  const { tools } = await connection.client.listTools();
  const counted = await connection.client.callTool({
    name: 'count_words',
    arguments: { text: 'one two three' },
  });
  const refused = await connection.client.callTool({ name: 'count_words', arguments: { text: '  ' } });
  const names = (entry) => Object.keys(entry).sort();
  console.log(
    JSON.stringify({
      names: { '.': names(kit), './operator': names(operator), './testing': names(testing) },
      tools: tools.map((t) => t.name),
      counted: testing.structuredOf(counted),
      refused: testing.errorCodeOf(refused),
    }),
  );
} finally {
  await connection.close();
}
