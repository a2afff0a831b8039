import { checkInventory } from './src/testing/index.ts';
const which = process.argv[2];
const mods: Record<string, () => Promise<any>> = {};
