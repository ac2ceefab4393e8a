import { sql, type RawBuilder } from 'kysely'

/**
 * The URL that is probed for a distribution: its download URL, else its access URL. The
 * rule as SQL (src/domain/probed-url.ts states it in TypeScript) over the columns of table (or alias) `t`: the sweep's
 * due lists (src/db/due-distributions.ts) read it, and the harvest store compares a
 * distribution's stored and harvested URLs through it (src/db/harvest-store.ts).
 */
export function probedUrlOf(t: string): RawBuilder<string> {
  return sql<string>`coalesce(${sql.ref(`${t}.download_url`)}, ${sql.ref(`${t}.access_url`)})`
}
