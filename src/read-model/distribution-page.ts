import type { Db } from '../db/database.js'
import { pickLang } from '../domain/lang-text.js'
import type { Lang } from '../i18n/lang.js'
import { UNKNOWN_ORGANISATION } from '../scoring/score-region.js'
import { getCheckHistory } from './check-history.js'
import { getDistributionScore } from './distribution-scores.js'
import { readDistributionHistory, type DistributionHistory } from './distribution-history.js'
import type { CheckResultView } from './latest-check-results.js'
import { isUnknownOrganisation } from './organisation-key.js'
import { responseTimesPerDay, stateChanges, uptimeSince, type ResponseDay, type StateChange } from './probe-timeline.js'
import { scoresOf, type FileScores } from './dataset.js'
import { probedUrl } from '../domain/probed-url.js'

/** How far back a file's page looks: its probes and checks of the last 90 days. */
export const DISTRIBUTION_PAGE_DAYS = 90

/** What a file's page shows: the file, where it belongs, its probe timeline and its checks' history. */
export interface DistributionPageView {
  file: Omit<DistributionHistory, 'probes'>
  /** Its address: the download URL, else the access URL. */
  url: string | null
  datasetTitle: string
  organisationIri: string
  /** The organisation's name in the reader's language; null for datasets that name none. */
  organisationName: string | null
  score: FileScores | null
  /** Uptime of conclusive probes in %, over 30 and 90 days; null when there were none. */
  uptime30: number | null
  uptime90: number | null
  /** The median response time per day over 90 days, oldest first. */
  responseTimes: ResponseDay[]
  /** Changes of availability state over 90 days, newest first. */
  changes: StateChange[]
  /** How many probes the 90 days hold. */
  probes: number
  /** The content checks' results over 90 days, newest first. */
  checks: CheckResultView[]
}

/**
 * One file for its page: the same probe history /api/distribution reads
 * (readDistributionHistory), told as uptime, response times and state changes, with the
 * content checks' history. Null for an IRI that names no harvested distribution. Only reads.
 */
export async function readDistributionPage(db: Db, iri: string, lang: Lang, now: Date = new Date()): Promise<DistributionPageView | null> {
  const since = new Date(now.getTime() - DISTRIBUTION_PAGE_DAYS * 86_400_000)
  const history = await readDistributionHistory(db, iri, lang, since)
  if (!history) return null
  const { probes, ...file } = history
  const [ds, score, checks] = await Promise.all([
    db.selectFrom('datasets').select(['title', 'organisation_iri', 'publisher_iri']).where('iri', '=', file.datasetIri).executeTakeFirst(),
    getDistributionScore(db, iri),
    getCheckHistory(db, iri, since),
  ])
  const orgIri = ds?.organisation_iri ?? ds?.publisher_iri ?? UNKNOWN_ORGANISATION
  const org = await db.selectFrom('organisations').select('name').where('iri', '=', orgIri).executeTakeFirst()
  return {
    // Named as the dataset page names it: its title, else its format, else its IRI.
    file: { ...file, title: file.title !== file.iri ? file.title : (file.format ?? file.mediaType ?? file.iri) },
    url: probedUrl(file.downloadUrl, file.accessUrl),
    datasetTitle: pickLang(ds?.title, lang) || file.datasetIri,
    organisationIri: orgIri,
    organisationName: isUnknownOrganisation(orgIri) ? null : (org && pickLang(org.name, lang)) || orgIri,
    score: scoresOf(score),
    uptime30: uptimeSince(probes, new Date(now.getTime() - 30 * 86_400_000)),
    uptime90: uptimeSince(probes, since),
    responseTimes: responseTimesPerDay(probes, DISTRIBUTION_PAGE_DAYS, now),
    changes: stateChanges(probes),
    probes: probes.length,
    checks,
  }
}
