import { ASSIGNMENT_KINDS } from './assignments.ts';
import { atSignDetector } from './at-sign.ts';
import { credentialDetector } from './credentials.ts';
import { personalDetectors } from './personal.ts';

/**
 * Every built-in kind, for validating `disabledKinds`: what the built-in detectors report, and `field`, the
 * structured field-name rule. Derived from the detectors so the two can never disagree.
 */
export const BUILT_IN_KINDS: readonly string[] = [
  ...new Set([
    ...credentialDetector.kinds,
    ...personalDetectors.flatMap((detector) => detector.kinds),
    ...ASSIGNMENT_KINDS,
    ...atSignDetector.kinds,
    'field',
  ]),
];
