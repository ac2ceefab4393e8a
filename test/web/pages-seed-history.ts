import type { Db } from '../../src/db/database.js'
import { json } from '../../src/db/json.js'
import { DIST_A, DIST_B } from './seed-pages.js'

const DAY = 86_400_000

/**
 * Probes of the last days for the file pages, relative to `now` so they stay inside the
 * pages' 30- and 90-day windows: Badplatser's CSV answered twice, then went degraded and
 * broken (404); the budget CSV answered every day. Kept apart from seedPages, whose other
 * readers (badges, API) count on there being no probes.
 */
export async function seedFileHistory(db: Db, now: Date = new Date()): Promise<void> {
  const probe = (dist: string, url: string, daysAgo: number, ok: boolean, ms: number, before: string | null, after: string) => ({
    sweep_id: null,
    distribution_iri: dist,
    url,
    host: new URL(url).host,
    at: new Date(now.getTime() - daysAgo * DAY),
    outcome: ok ? ('ok' as const) : ('failing' as const),
    code: ok ? 'ok' : 'http-404',
    http_status: ok ? 200 : 404,
    elapsed_ms: ms,
    findings: json(ok ? [] : [{ code: 'http-404', severity: 'error', params: {} }]),
    state_before: before as 'ok' | null,
    state_after: after as 'ok',
  })
  const a = 'http://127.0.0.2/bad.csv'
  const b = 'http://127.0.0.3/budget.csv'
  await db
    .insertInto('probes')
    .values([
      probe(DIST_A, a, 5, true, 120, null, 'ok'),
      probe(DIST_A, a, 4, true, 180, 'ok', 'ok'),
      probe(DIST_A, a, 3, false, 95, 'ok', 'degraded'),
      probe(DIST_A, a, 2, false, 90, 'degraded', 'broken'),
      probe(DIST_A, a, 1, false, 88, 'broken', 'broken'),
      ...[5, 4, 3, 2, 1].map((d, i) => probe(DIST_B, b, d, true, 60 + i * 10, i === 0 ? null : 'ok', 'ok')),
    ])
    .execute()
}
