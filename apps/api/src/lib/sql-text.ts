/**
 * `text` with the LIKE / ILIKE wildcards (`%`, `_`) and PostgreSQL's default LIKE escape character (`\`)
 * escaped, so a user's search text matches those characters literally instead of "anything". Put the
 * pattern's own wildcards around the result: `%${escapeLike(q)}%` (contains), `${escapeLike(q)}%` (prefix).
 * Case changes (`toLowerCase`, `toUpperCase`) may follow: they leave the escapes alone.
 */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
