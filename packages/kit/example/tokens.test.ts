import { describe } from 'vitest';
import { describeTokenCosts } from '../src/testing/describe-tokens.ts';
import { notesServer } from './notes-server.ts';

describe('the example notes server', () => {
  describeTokenCosts(async () => ({ definition: notesServer() }), {
    readme: new URL('../../../README.md', import.meta.url),
  });
});
