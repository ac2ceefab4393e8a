import { sql, type RawBuilder } from 'kysely'

/**
 * A value for a jsonb column. The drivers disagree on jsonb parameters: postgres.js
 * JSON-encodes any parameter the server types as jsonb (so a string is stored as a JSON
 * string, double-encoded), while PGlite sends what it is given. Binding the JSON text as
 * `text` and casting in SQL makes both store the same jsonb. test/db/database.test.ts
 * catches either going wrong.
 */
export function json<T>(value: T): RawBuilder<string> {
  return sql<string>`cast(cast(${JSON.stringify(value)} as text) as jsonb)`
}
