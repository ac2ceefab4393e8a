import type { Selectable } from 'kysely'
import type { Db } from '../db/database.js'
import type { AvailabilityStateTable, ProbeTable } from '../db/tables/availability.js'
import { pickLang } from '../domain/lang-text.js'
import type { Lang } from '../i18n/lang.js'

/** One probe of a file as readers see it (no worker or redirect internals beyond the chain). */
export type ProbeView = Pick<
  Selectable<ProbeTable>,
  'at' | 'outcome' | 'code' | 'http_status' | 'elapsed_ms' | 'final_url' | 'redirect_count' | 'content_type' | 'content_length' | 'tls_days_left' | 'state_before' | 'state_after'
> & { findings: { code: string; message?: string }[] }

/** A distribution with its availability state and its probes, newest first. */
export interface DistributionHistory {
  iri: string
  datasetIri: string
  title: string
  accessUrl: string | null
  downloadUrl: string | null
  format: string | null
  mediaType: string | null
  withdrawn: boolean
  availability: Omit<Selectable<AvailabilityStateTable>, 'distribution_iri' | 'updated_at' | 'last_etag' | 'last_modified'> | null
  probes: ProbeView[]
}

/**
 * One distribution and its probe history since `since`, newest first; null for an IRI that
 * names no harvested distribution. `lang` picks the title (the IRI when it has none).
 */
export async function readDistributionHistory(db: Db, iri: string, lang: Lang, since: Date): Promise<DistributionHistory | null> {
  const d = await db.selectFrom('distributions').selectAll().where('iri', '=', iri).executeTakeFirst()
  if (!d) return null
  const state = await db.selectFrom('availability_state').selectAll().where('distribution_iri', '=', iri).executeTakeFirst()
  const probes = await db
    .selectFrom('probes')
    .select(['at', 'outcome', 'code', 'http_status', 'elapsed_ms', 'final_url', 'redirect_count', 'content_type', 'content_length', 'tls_days_left', 'state_before', 'state_after', 'findings'])
    .where('distribution_iri', '=', iri)
    .where('at', '>=', since)
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .execute()
  let availability: DistributionHistory['availability'] = null
  if (state) {
    const { distribution_iri: _i, updated_at: _u, last_etag: _e, last_modified: _m, ...rest } = state
    availability = rest
  }
  return {
    iri: d.iri,
    datasetIri: d.dataset_iri,
    title: pickLang(d.title, lang) || d.iri,
    accessUrl: d.access_url,
    downloadUrl: d.download_url,
    format: d.format,
    mediaType: d.media_type,
    withdrawn: d.withdrawn_at !== null,
    availability,
    probes,
  }
}
