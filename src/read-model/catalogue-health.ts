import type { Db } from '../db/database.js'
import { storedFailure } from '../db/harvest-runs.js'
import type { HarvestErrorReason } from '../domain/harvest-failure.js'
import { describeHarvestError } from '../i18n/harvest-words.js'
import type { Lang } from '../i18n/lang.js'

/** How a configured catalogue source's latest finished harvest went. */
export interface CatalogueHealth {
  sourceId: string
  url: string
  kind: string
  /** 'ok', 'failed' or 'interrupted'; null when it was never harvested. */
  status: string | null
  httpStatus: number | null
  /** Why it failed: the stable reason (src/domain/harvest-failure.ts); null when it did not. */
  errorCode: HarvestErrorReason | null
  /** Why it failed, in the reader's language (a run stored as words before shows them as they are). */
  error: string | null
  at: Date | null
  datasets: number | null
}

/** The latest finished harvest run of every configured catalogue source, by source id, its failure in `lang`. */
export async function getCatalogueHealth(db: Db, lang: Lang): Promise<CatalogueHealth[]> {
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
    const failure = run ? storedFailure(run) : null
    out.push({
      sourceId: s.id,
      url: s.url,
      kind: s.kind,
      status: run?.status ?? null,
      httpStatus: run?.http_status ?? null,
      errorCode: failure?.code ?? null,
      error: failure ? describeHarvestError(failure, lang) : null,
      at: run?.finished_at ?? null,
      datasets: run?.datasets ?? null,
    })
  }
  return out
}
