/**
 * Byte strings one of which every error or fatal line holds, in any format this server reads: level words in the
 * usual spellings, and pino/bunyan's numeric levels 50 and 60. An error scan decodes only lines holding one; the
 * parser then decides (a warning that mentions "error" is read and dropped, never miscounted).
 */
export const ERROR_MARKERS: readonly Buffer[] = [
  'error',
  'ERROR',
  'Error',
  'fatal',
  'FATAL',
  'Fatal',
  'crit',
  'CRIT',
  'Crit',
  'emerg',
  'EMERG',
  'panic',
  'PANIC',
  'severe',
  'SEVERE',
  '"level":5',
  '"level":6',
  '"level": 5',
  '"level": 6',
  'alert',
  'ALERT',
].map((marker) => Buffer.from(marker));
