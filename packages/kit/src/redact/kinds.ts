import { createBuiltInDetectors } from './detectors/index.ts';

/**
 * Every built-in kind, for validating `disabledKinds`: what the built-in detectors report, and `field`, the
 * structured field-name rule. Derived from the detectors so the two can never disagree.
 */
export const BUILT_IN_KINDS: readonly string[] = [
  ...new Set([...createBuiltInDetectors(() => false, [], undefined).flatMap((d) => d.kinds), 'field']),
];
