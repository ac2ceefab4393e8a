import type { Db } from '../db/database.js'
import type { StoredScoreReason } from '../db/tables/content.js'
import { SCORING_VERSION } from './scoring-version.js'

/** One problem of one file, from its current score. */
export interface Problem extends StoredScoreReason {
  distributionIri: string
  datasetIri: string
  organisationIri: string | null
}

/**
 * The problems of an organisation's (or one dataset's) files, worst first: every reason
 * of every current score, ordered by what fixing it would give the file's total. For the
 * publisher's "what to fix first" page. Needs one of organisationIri or datasetIri (refuses
 * with a RangeError otherwise: the whole region's list is not a page anyone reads).
 */
export async function getProblems(
  db: Db,
  opts: { organisationIri?: string; datasetIri?: string; limit?: number },
): Promise<Problem[]> {
  if (!opts.organisationIri && !opts.datasetIri) throw new RangeError('getProblems needs organisationIri or datasetIri')
  let q = db.selectFrom('scores').select(['distribution_iri', 'dataset_iri', 'organisation_iri', 'reasons']).where('scoring_version', '=', SCORING_VERSION)
  if (opts.organisationIri) q = q.where('organisation_iri', '=', opts.organisationIri)
  if (opts.datasetIri) q = q.where('dataset_iri', '=', opts.datasetIri)
  const rows = await q.execute()
  const out: Problem[] = []
  for (const r of rows) {
    for (const reason of r.reasons) out.push({ ...reason, distributionIri: r.distribution_iri, datasetIri: r.dataset_iri, organisationIri: r.organisation_iri })
  }
  out.sort(
    (a, b) =>
      b.totalPointsToGain - a.totalPointsToGain ||
      b.pointsLost - a.pointsLost ||
      a.distributionIri.localeCompare(b.distributionIri) ||
      a.code.localeCompare(b.code),
  )
  return opts.limit ? out.slice(0, opts.limit) : out
}
