/** The rows of a column-wise result as records keyed by column name, for assertions that read better so. */
export function records(result: {
  readonly columns: readonly string[];
  readonly rows: readonly (readonly unknown[])[];
}): Record<string, unknown>[] {
  return result.rows.map((row) => Object.fromEntries(result.columns.map((name, i) => [name, row[i]])));
}
