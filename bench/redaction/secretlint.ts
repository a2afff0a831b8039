/**
 * secretlint's recommended preset, driven through its core API the way its CLI drives it: with the profiler
 * off. The CLI calls `secretLintProfiler.setEnabled(Boolean(flags.profile))`; left on (the library default),
 * every rule and file marks `performance` entries and feeds a PerformanceObserver, which slows secretlint down
 * and would flatter our throughput ratio.
 */
import { lintSource } from '@secretlint/core';
import { secretLintProfiler } from '@secretlint/profiler';
import { creator as recommendedPreset } from '@secretlint/secretlint-rule-preset-recommend';

type SecretlintConfig = Parameters<typeof lintSource>[0]['options']['config'];

const config: SecretlintConfig = {
  rules: [{ id: '@secretlint/secretlint-rule-preset-recommend', rule: recommendedPreset }],
};

export function disableSecretlintProfiler(): void {
  secretLintProfiler.setEnabled(false);
}

/** Whether secretlint left any profiler marks behind (it must not, once disabled). */
export function secretlintProfilerMarks(): number {
  return performance.getEntriesByType('mark').filter((m) => m.name.startsWith('@core>')).length;
}

/** secretlint's findings in `text` as `[start, end)` ranges. */
export async function secretlintRanges(text: string, fileName: string): Promise<[number, number][]> {
  const dot = fileName.lastIndexOf('.');
  const result = await lintSource({
    source: {
      content: text,
      filePath: fileName,
      ext: dot === -1 ? '' : fileName.slice(dot),
      contentType: 'text',
    },
    options: { config, noPhysicFilePath: true },
  });
  return result.messages.map((m) => [m.range[0], m.range[1]]);
}
