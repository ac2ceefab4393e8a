import type { Db } from '../db/database.js'
import type { StoredScoreReason } from '../db/tables/content.js'
import { pickLang } from '../domain/lang-text.js'
import type { Lang } from '../i18n/lang.js'
import { SCORING_VERSION } from '../scoring/scoring-version.js'
import { probedUrl } from '../domain/probed-url.js'

/**
 * One problem of one file: a reason its current score lost points, with where it is. The
 * reason is stored as scoring wrote it (a code with params; older rows carry their words),
 * so a reader makes the words with `describeFinding(problem, lang)` when showing it.
 */
export type Problem = StoredScoreReason & {
  distributionIri: string
  datasetIri: string
  /** The dataset's title in the reader's language (the IRI when it has none). */
  datasetTitle: string
  /** The organisation the score counts under (see scoring's UNKNOWN_ORGANISATION). */
  organisationIri: string | null
  /** The file's address: its download URL, else its access URL. */
  url: string | null
  /** When it was first seen in its current run (set by withFirstSeen in problem-since.ts; null: unknown). */
  firstSeen?: Date | null
}

const SEVERITY_RANK: Record<string, number> = { error: 0, warning: 1, info: 2 }

/** Worst first: what fixing it gives the total, then severity, then lost points; then a stable order. */
function worstFirst(a: Problem, b: Problem): number {
  return (
    b.totalPointsToGain - a.totalPointsToGain ||
    (SEVERITY_RANK[a.severity] ?? 3) - (SEVERITY_RANK[b.severity] ?? 3) ||
    b.pointsLost - a.pointsLost ||
    ordinal(a.distributionIri, b.distributionIri) ||
    ordinal(a.code, b.code)
  )
}

/** IRIs and codes in code-point order: a stable tie-break, and far cheaper than a collation (localeCompare) over thousands of problems. */
const ordinal = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

/**
 * The one list of "problems, worst first" of an organisation's (or one dataset's) live
 * files: every reason of every current score under the current SCORING_VERSION (rows an
 * older scoring version left in `scores` are never listed), ordered by what fixing it would
 * give the file's total. The organisation page, the JSON API and the e-mails read it.
 * Needs one of organisationIri or datasetIri (refuses with a RangeError otherwise: the
 * whole region's list is not a page anyone reads). `lang` picks the dataset titles
 * (default Swedish); `limit` cuts the list after sorting.
 */
export async function getProblems(
  db: Db,
  opts: { organisationIri?: string; datasetIri?: string; limit?: number; lang?: Lang },
): Promise<Problem[]> {
  if (!opts.organisationIri && !opts.datasetIri) throw new RangeError('getProblems needs organisationIri or datasetIri')
  let q = db
    .selectFrom('scores as s')
    .innerJoin('distributions as d', 'd.iri', 's.distribution_iri')
    .innerJoin('datasets as ds', 'ds.iri', 's.dataset_iri')
    .select(['s.distribution_iri', 's.dataset_iri', 's.organisation_iri', 's.reasons', 'd.download_url', 'd.access_url', 'ds.title'])
    .where('s.scoring_version', '=', SCORING_VERSION)
    .where('d.withdrawn_at', 'is', null)
  if (opts.organisationIri) q = q.where('s.organisation_iri', '=', opts.organisationIri)
  if (opts.datasetIri) q = q.where('s.dataset_iri', '=', opts.datasetIri)
  const rows = await q.execute()
  const out: Problem[] = []
  for (const r of rows) {
    const datasetTitle = pickLang(r.title, opts.lang ?? 'sv') || r.dataset_iri
    const url = probedUrl(r.download_url, r.access_url)
    for (const reason of r.reasons) {
      out.push({ ...reason, distributionIri: r.distribution_iri, datasetIri: r.dataset_iri, datasetTitle, organisationIri: r.organisation_iri, url })
    }
  }
  out.sort(worstFirst)
  return opts.limit ? out.slice(0, opts.limit) : out
}
