/**
 * HELD-OUT PART of the redaction corpus.
 *
 * redact-engine (and anyone improving the detectors) must NOT read the files in this folder, nor tune detectors
 * to anything printed about it beyond the per-family totals. Its templates, syntaxes, providers, identifier
 * formats and encodings differ from the dev part on purpose: its numbers show how the detectors do on text they
 * were not developed against. If detectors are ever tuned to it, it stops being held out — replace it then.
 */
import { DocBuilder } from '../builder.ts';
import { Rng } from '../rng.ts';
import { type Corpus, makeCorpus } from '../types.ts';
import {
  chatExport,
  emailMessage,
  harCapture,
  htmlPage,
  invoice,
  notebook,
  semicolonCsv,
  sourceCode,
  sqlDump,
  syslog,
  vcards,
} from './documents-data.ts';
import {
  ciLog,
  composeFile,
  dockerConfig,
  dockerfile,
  dotfiles,
  helmValues,
  systemdAndNginx,
  terraform,
} from './documents-ops.ts';

type Template = (r: Rng, b: DocBuilder) => void;

const TEMPLATES: readonly [string, string, Template][] = [
  ['dockerfile', 'Dockerfile', dockerfile],
  ['compose', 'compose.yaml', composeFile],
  ['terraform', 'main.tf', terraform],
  ['dotfiles', 'home.txt', dotfiles],
  ['ci-log', 'job.log', ciLog],
  ['systemd-nginx', 'units.conf', systemdAndNginx],
  ['docker-config', 'config.json', dockerConfig],
  ['helm-values', 'values.yaml', helmValues],
  ['sql-dump', 'dump.sql', sqlDump],
  ['source', 'config.src', sourceCode],
  ['html', 'index.html', htmlPage],
  ['email', 'message.eml', emailMessage],
  ['chat-export', 'channel.json', chatExport],
  ['notebook', 'analysis.ipynb', notebook],
  ['har', 'capture.har', harCapture],
  ['vcard', 'contacts.vcf', vcards],
  ['invoice', 'invoice.txt', invoice],
  ['syslog', 'messages', syslog],
  ['csv-semicolon', 'kunden.csv', semicolonCsv],
];

export const HELD_OUT_SEED = 0x5eed_0b1d;

export function generateHeldOutCorpus(documents = 760, seed = HELD_OUT_SEED): Corpus {
  const root = new Rng(seed);
  const docs = [];
  for (let i = 0; i < documents; i++) {
    const [template, fileName, make] = TEMPLATES[i % TEMPLATES.length]!;
    const b = new DocBuilder();
    make(root.fork(), b);
    docs.push(b.build(`held-out/${String(i).padStart(4, '0')}-${fileName}`, template));
  }
  return makeCorpus('held-out', seed, docs);
}
