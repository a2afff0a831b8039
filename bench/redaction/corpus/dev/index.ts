/**
 * The dev part of the redaction corpus: the part the detectors may be developed against. Its credential and
 * identifier formats come from public format descriptions, not from the kit's detectors.
 */
import { DocBuilder } from '../builder.ts';
import { Rng } from '../rng.ts';
import { type Corpus, makeCorpus } from '../types.ts';
import {
  envFile,
  iniConfig,
  jsonConfig,
  kubernetesSecret,
  propertiesFile,
  tomlConfig,
  xmlConfig,
  yamlConfig,
} from './documents-config.ts';
import { credentialFiles, customerRecords } from './documents-formats.ts';
import {
  appLog,
  csvExport,
  gcpServiceAccount,
  httpDump,
  jsonLines,
  markdownRunbook,
  pemBundle,
  shellHistory,
  stackTrace,
} from './documents-text.ts';

type Template = (r: Rng, b: DocBuilder) => void;

const TEMPLATES: readonly [string, string, Template, number][] = [
  ['env', '.env', envFile, 3],
  ['yaml', 'config.yaml', yamlConfig, 3],
  ['toml', 'config.toml', tomlConfig, 2],
  ['ini', 'settings.ini', iniConfig, 2],
  ['json', 'appsettings.json', jsonConfig, 2],
  ['properties', 'application.properties', propertiesFile, 2],
  ['xml', 'web.config', xmlConfig, 2],
  ['k8s-secret', 'secret.yaml', kubernetesSecret, 3],
  ['http', 'request.http', httpDump, 3],
  ['shell', '.bash_history', shellHistory, 3],
  ['log', 'app.log', appLog, 4],
  ['markdown', 'RUNBOOK.md', markdownRunbook, 2],
  ['stack-trace', 'error.txt', stackTrace, 2],
  ['csv', 'export.csv', csvExport, 2],
  ['gcp-key', 'service-account.json', gcpServiceAccount, 1],
  ['jsonl', 'events.jsonl', jsonLines, 3],
  ['pem', 'bundle.pem', pemBundle, 1],
  ['credential-files', 'credentials.txt', credentialFiles, 2],
  ['customer-records', 'customers.yaml', customerRecords, 2],
];

export const DEV_SEED = 0x6a7e_2024;

export function generateDevCorpus(documents = 700, seed = DEV_SEED): Corpus {
  const root = new Rng(seed);
  const weighted = TEMPLATES.flatMap((t) => Array.from({ length: t[3] }, () => t));
  const docs = [];
  for (let i = 0; i < documents; i++) {
    const [template, fileName, make] = weighted[i % weighted.length]!;
    const b = new DocBuilder();
    make(root.fork(), b);
    docs.push(b.build(`dev/${String(i).padStart(4, '0')}-${fileName}`, template));
  }
  return makeCorpus('dev', seed, docs);
}
