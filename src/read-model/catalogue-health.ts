import type { Db } from '../db/database.js'

/** How a configured catalogue source's latest finished harvest went. */
export interface CatalogueHealth {
  sourceId: string
  url: string
  kind: string
  /** 'ok' or 'failed'; null when it was never harvested. */
  status: string | null
  httpStatus: number | null
  /** What went wrong, as the harvest stored it. */
  error: string | null
  at: Date | null
  datasets: number | null
}

/** The latest finished harvest run of every configured catalogue source, by source id. */
export async function getCatalogueHealth(db: Db): Promise<CatalogueHealth[]> {
  const sources = await db.selectFrom('catalogue_sources').selectAll().orderBy('id').execute()
  const out: CatalogueHealth[] = []
  for (const s of sources) {
    const run = await db
      .selectFrom('harvest_runs')
      .selectAll()
      .where('source_id', '=', s.id)
      .where('status', '!=', 'running')
      .orderBy('started_at', 'desc')
      .limit(1)
      .executeTakeFirst()
    out.push({
      sourceId: s.id,
      url: s.url,
      kind: s.kind,
      status: run?.status ?? null,
      httpStatus: run?.http_status ?? null,
      error: run?.error ?? null,
      at: run?.finished_at ?? null,
      datasets: run?.datasets ?? null,
    })
  }
  return out
}
