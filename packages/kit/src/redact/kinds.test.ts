import { describe, expect, it } from 'vitest';
import { createAssignmentDetector } from './assignments.ts';
import { atSignDetector } from './at-sign.ts';
import { credentialDetector } from './credentials.ts';
import { createFieldMatcher } from './field-names.ts';
import { BUILT_IN_KINDS } from './kinds.ts';
import { personalDetectors } from './personal.ts';

describe('BUILT_IN_KINDS', () => {
  // The list operators validate `disabledKinds` against must name exactly what the detectors report.
  it('is exactly the kinds the built-in detectors report, plus the field-name rule', () => {
    const detectors = [
      credentialDetector,
      ...personalDetectors,
      createAssignmentDetector(createFieldMatcher([]), []),
      atSignDetector,
    ];
    const reported = new Set(detectors.flatMap((d) => d.kinds));
    reported.add('field');
    expect([...BUILT_IN_KINDS].sort()).toEqual([...reported].sort());
  });
});
