import type { Detector, NestedScan } from '../detector.ts';
import { createAssignmentDetector } from './assignments.ts';
import { createCommandLineDetector } from './command-line.ts';
import { createEmailDetector } from './emails.ts';
import { createEscapeDetector } from './escapes.ts';
import { createBearerDetector } from './headers.ts';
import { createHtmlTableDetector } from './html-tables.ts';
import { createInfixTokenDetector } from './infix-tokens.ts';
import { createJsonResultDetector } from './json-results.ts';
import { createKeywordValueDetector } from './keyword-values.ts';
import { createMarkupDetector } from './markup.ts';
import { createNumberDetector } from './numbers.ts';
import { createPositionalPasswordDetector } from './positional-passwords.ts';
import { createPrivateKeyDetector } from './private-keys.ts';
import { createRunDetector } from './runs.ts';
import { createSplitTokenDetector } from './split-tokens.ts';
import { createSqlRowDetector } from './sql-rows.ts';
import { createTableDetector } from './tables.ts';
import { createUrlPasswordDetector } from './urls.ts';

/**
 * The built-in detectors, in priority order: where two findings start at the same place, the earlier detector
 * names the kind (a vendor token under `GITHUB_TOKEN=` is a `github_token`, not a `secret_assignment`).
 * `nested` scans decoded text (base64, escapes); it is undefined at the deepest level of decoding.
 *
 * Decoded text (`decoded: true`) gets the detectors that find what encodings hide in practice — tokens and
 * keys, credential URLs, assignments, e-mail addresses and phone/card/id numbers (HTML pages encode them
 * character by character), another layer of encoding — and not the ones for command lines, tables and
 * markup, which keeps a text full of encodings from costing twice as much.
 */
export function createBuiltInDetectors(
  isSensitiveName: (name: string) => boolean,
  extraFields: readonly string[],
  nested: NestedScan | undefined,
  decoded = false,
): Detector[] {
  if (decoded) {
    return [
      createRunDetector(nested),
      createInfixTokenDetector(),
      createPrivateKeyDetector(),
      createUrlPasswordDetector(),
      createAssignmentDetector(isSensitiveName, extraFields),
      createEmailDetector(),
      createNumberDetector(),
      createEscapeDetector(nested),
    ];
  }
  return [
    createRunDetector(nested),
    createSplitTokenDetector(),
    createInfixTokenDetector(),
    createPrivateKeyDetector(),
    createUrlPasswordDetector(),
    createCommandLineDetector(isSensitiveName, extraFields),
    createAssignmentDetector(isSensitiveName, extraFields),
    createKeywordValueDetector(isSensitiveName),
    createPositionalPasswordDetector(isSensitiveName),
    createBearerDetector(),
    createMarkupDetector(isSensitiveName, extraFields),
    createTableDetector(isSensitiveName, extraFields),
    createSqlRowDetector(isSensitiveName, extraFields),
    createHtmlTableDetector(isSensitiveName, extraFields),
    createJsonResultDetector(isSensitiveName, extraFields),
    createNumberDetector(),
    createEmailDetector(),
    createEscapeDetector(nested),
  ];
}
