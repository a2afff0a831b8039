/**
 * Sanity checks on a generated corpus, run before every evaluation: a label that does not cover what it claims
 * (a card that fails Luhn, an "invalid" IBAN that happens to be valid, overlapping labels) would make the
 * numbers lie.
 */
import { ibanValid, luhnValid } from './checksums.ts';
import type { Corpus } from './types.ts';

export function checkCorpus(corpus: Corpus): void {
  const problems: string[] = [];
  for (const doc of corpus.documents) {
    if (doc.text.includes('[REDACTED')) problems.push(`${doc.name}: contains a redaction marker`);
    const sorted = [...doc.labels].sort((a, b) => a.start - b.start);
    for (let i = 0; i < sorted.length; i++) {
      const l = sorted[i]!;
      const text = doc.text.slice(l.start, l.end);
      if (l.end <= l.start) problems.push(`${doc.name}: empty ${l.family} label`);
      if (i > 0 && sorted[i - 1]!.end > l.start)
        problems.push(`${doc.name}: ${l.family} overlaps ${sorted[i - 1]!.family}`);
      const digits = text.replace(/\D/g, '');
      if (l.family === 'card' && l.form === 'plain' && !luhnValid(digits))
        problems.push(`${doc.name}: card fails Luhn: ${text}`);
      if (l.family === 'iban' && l.form === 'plain' && !ibanValid(text))
        problems.push(`${doc.name}: IBAN fails mod 97: ${text}`);
      if (l.family === 'luhn-invalid' && luhnValid(digits))
        problems.push(`${doc.name}: luhn-invalid passes Luhn: ${text}`);
      if (l.family === 'iban-invalid' && ibanValid(text))
        problems.push(`${doc.name}: iban-invalid passes mod 97: ${text}`);
    }
  }
  if (problems.length > 0)
    throw new Error(`corpus ${corpus.part} is inconsistent:\n${problems.slice(0, 20).join('\n')}`);
}
