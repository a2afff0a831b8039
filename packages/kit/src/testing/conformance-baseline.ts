import { readFile } from 'node:fs/promises';
import { relative } from 'node:path';

/** One check of a conformance scenario, as the suite's CLI writes it to `checks.json`. */
export interface ConformanceCheck {
  readonly id: string;
  readonly status: 'SUCCESS' | 'FAILURE' | 'WARNING' | 'INFO' | 'SKIPPED';
  readonly errorMessage?: string;
  readonly details?: Record<string, unknown>;
}

/** Scenario name → its checks. */
export type ScenarioResults = ReadonlyMap<string, readonly ConformanceCheck[]>;

/**
 * Why a scenario is expected not to pass:
 * - `suite-fixture`: it calls a tool, prompt or resource that only the suite's own reference server has
 *   (`test_image_content`, `test://static-text`, ...), named in `needs`. Not a failure of ours. The comparison
 *   checks the claim: the server listed none of those names in the same run, and every name a failing check
 *   calls unknown is one of them (so `Unknown tool: list_notes` cannot hide behind the entry).
 * - `by-design`: the kit deliberately does not offer the feature (the `why` says what it does instead).
 * - `gap`: a shortfall we mean to fix (the `why` names where it is tracked).
 */
export type BaselineCause = 'suite-fixture' | 'by-design' | 'gap';

export interface BaselineEntry {
  readonly scenario: string;
  /** The checks that do not pass; absent: the whole scenario (at least one of its checks must not pass). */
  readonly checks?: readonly string[];
  readonly cause: BaselineCause;
  readonly why: string;
  /** For `suite-fixture`: the names of the suite's tools, prompts or resources the scenario calls. */
  readonly needs?: readonly string[];
}

export interface Baseline {
  readonly expected: readonly BaselineEntry[];
}

export interface BaselineComparison {
  /** Scenarios whose every check passed. */
  readonly passed: readonly string[];
  /** The baseline's entries. */
  readonly baselined: readonly BaselineEntry[];
  /** What is wrong, one line each, saying which entry of which file to add, change or delete. Empty: all good. */
  readonly problems: readonly string[];
}

const CAUSES: readonly BaselineCause[] = ['suite-fixture', 'by-design', 'gap'];

/** The name a failing check says the server does not have (`Unknown tool: x`, `No resource at test://y.`, ...). */
const UNKNOWN_NAME =
  /Unknown (?:tool|prompt): (\S+)|No resource at (\S+)|Tool '([^']+)' not found|diagnostic tool '([^']+)'/;

/** What the server listed in this run, from the suite's own listing scenarios (their checks' details). */
function listedNames(results: ScenarioResults): Set<string> | undefined {
  const names = new Set<string>();
  let seen = false;
  for (const [scenario, key] of [
    ['tools-list', 'tools'],
    ['prompts-list', 'prompts'],
    ['resources-list', 'resources'],
  ] as const) {
    for (const check of results.get(scenario) ?? []) {
      const listed = check.details?.[key];
      if (!Array.isArray(listed)) continue;
      seen = true;
      for (const name of listed) if (typeof name === 'string') names.add(name);
    }
  }
  return seen ? names : undefined;
}

const notPassing = (check: ConformanceCheck) => check.status === 'FAILURE' || check.status === 'WARNING';
const describeCheck = (scenario: string, check: ConformanceCheck) =>
  `${scenario}/${check.id} (${check.status}${check.errorMessage ? `: ${check.errorMessage.slice(0, 300)}` : ''})`;

/**
 * Compares one run of the suite with its baseline. A check that fails (or warns) with no entry for it is a
 * problem, and so is an entry that no longer matches: a scenario or check that now passes, or did not run.
 * `file` names the baseline in every message, so the message says exactly what to edit where.
 */
export function compareWithBaseline(
  results: ScenarioResults,
  baseline: Baseline,
  file: string,
): BaselineComparison {
  const problems: string[] = [];
  const entries = new Map<string, BaselineEntry>();
  for (const entry of baseline.expected) {
    const at = `${file}: entry for scenario "${entry.scenario}"`;
    if (entries.has(entry.scenario)) problems.push(`${at} appears twice: merge them`);
    entries.set(entry.scenario, entry);
    if (!CAUSES.includes(entry.cause)) problems.push(`${at}: cause must be one of ${CAUSES.join(', ')}`);
    if (typeof entry.why !== 'string' || entry.why.trim().length < 20)
      problems.push(`${at} needs a why (a sentence a reader can check)`);
    if (!results.has(entry.scenario)) problems.push(`${at}: the scenario did not run; delete the entry`);
  }

  const listed = listedNames(results);
  const passed: string[] = [];
  for (const [scenario, checks] of results) {
    const failing = checks.filter(notPassing);
    const entry = entries.get(scenario);
    if (failing.length === 0) {
      passed.push(scenario);
      if (entry) problems.push(`${file}: scenario "${scenario}" now passes: delete its entry`);
      continue;
    }
    if (!entry) {
      for (const check of failing) problems.push(`${describeCheck(scenario, check)} is not in ${file}`);
      continue;
    }
    if (entry.checks) {
      for (const check of failing) {
        if (!entry.checks.includes(check.id))
          problems.push(
            `${describeCheck(scenario, check)} is not in ${file} (entry "${scenario}" lists other checks)`,
          );
      }
      for (const id of entry.checks) {
        if (!failing.some((c) => c.id === id))
          problems.push(
            `${file}: scenario "${scenario}" check "${id}" now passes (or no longer runs): delete it from that entry's checks`,
          );
      }
    }
    if (entry.cause === 'suite-fixture') problems.push(...checkSuiteFixture(entry, failing, listed, file));
  }
  return { passed: passed.sort(), baselined: baseline.expected, problems };
}

/** Reads a baseline file and compares `results` with it; messages name the file relative to the working directory. */
export async function compareWithBaselineFile(
  results: ScenarioResults,
  path: string,
): Promise<BaselineComparison> {
  const baseline = JSON.parse(await readFile(path, 'utf8')) as Baseline;
  return compareWithBaseline(results, baseline, relative(process.cwd(), path));
}

/** The problems with a `suite-fixture` entry's claim, given the checks of its scenario that did not pass. */
function checkSuiteFixture(
  entry: BaselineEntry,
  failing: readonly ConformanceCheck[],
  listed: Set<string> | undefined,
  file: string,
): string[] {
  const at = `${file}: entry for scenario "${entry.scenario}"`;
  const needs = entry.needs ?? [];
  if (needs.length === 0)
    return [`${at} is a suite-fixture entry: name the suite's tools it calls in "needs"`];
  const problems: string[] = [];
  if (!listed) problems.push(`${at}: cannot check "needs": the run has no tools-list/prompts-list listing`);
  for (const name of needs) {
    if (listed?.has(name))
      problems.push(`${at}: the server lists "${name}" itself, so the scenario does not fail for want of it`);
  }
  for (const check of failing) {
    const m = UNKNOWN_NAME.exec(check.errorMessage ?? '');
    // A name at the end of a sentence keeps the sentence's period.
    const unknown = m
      ?.slice(1)
      .find((g) => g !== undefined)
      ?.replace(/[.,;:]$/, '');
    if (unknown !== undefined && !needs.includes(unknown))
      problems.push(
        `${describeCheck(entry.scenario, check)}: "${unknown}" is not one of the entry's "needs" in ${file}`,
      );
  }
  return problems;
}
