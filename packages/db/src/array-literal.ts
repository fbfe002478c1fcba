const element = (v: unknown) =>
  v === null || v === undefined ? 'NULL' : typeof v === 'string' ? `"${/["\\]/.test(v) ? v.replace(/["\\]/g, '\\$&') : v}"` : String(v);

/**
 * A PostgreSQL array literal ('{1,2,NULL}', '{"a","b\\"c"}') for a `$n::type[]` parameter. Built here rather than
 * by the driver: node-pg's generic array serialisation costs several times the CPU, and PGlite cannot serialise
 * arrays of extension types. Joined rather than concatenated: a flat string is measured and copied at once when
 * the statement is sent, where a rope of thousands of pieces is first flattened while the database waits.
 */
export function arrayLiteral(values: readonly unknown[]): string {
  return `{${values.map(element).join(',')}}`;
}
