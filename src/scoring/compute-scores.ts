import { sql } from 'kysely'
import type { Db } from '../db/database.js'
import { json } from '../db/json.js'
import { roundScore, type ScoreReason } from './score-distribution.js'
import { scoreRegion } from './score-region.js'
import { SCORING_VERSION } from './scoring-version.js'
import { CHUNK, excludedScores, utcDay, writeDay, type ScoreSummary } from './write-rollups.js'

export type { ScoreSummary }

function roundReason(r: ScoreReason): ScoreReason {
  const r2 = (v: number) => Math.round(v * 100) / 100
  return { ...r, pointsLost: r2(r.pointsLost), pointsToGain: r2(r.pointsToGain), totalPointsToGain: r2(r.totalPointsToGain) }
}

/**
 * Scores everything as it stands at `now` (default: the present): upserts the current score
 * of every live distribution under SCORING_VERSION into `scores`, and the rollups of
 * `now`'s UTC day for every level (so dashboards show today's numbers without waiting for
 * the nightly rollup). Re-running replaces, never duplicates. The current score of a
 * distribution withdrawn since is removed (its daily history stays). Never touches check
 * results.
 */
export async function computeScores(opts: { db: Db; now?: Date; regionId?: string }): Promise<ScoreSummary> {
  const { db } = opts
  const now = opts.now ?? new Date()
  const scoring = await scoreRegion(db, { asOf: now, regionId: opts.regionId })
  const organisationOf = new Map(scoring.datasets.map((d) => [d.key, d.parent]))
  for (let i = 0; i < scoring.distributions.length; i += CHUNK) {
    await db
      .insertInto('scores')
      .values(
        scoring.distributions.slice(i, i + CHUNK).map((n) => ({
          distribution_iri: n.key,
          scoring_version: SCORING_VERSION,
          dataset_iri: n.parent as string,
          organisation_iri: organisationOf.get(n.parent as string) ?? null,
          availability: roundScore(n.score.availability),
          freshness: roundScore(n.score.freshness),
          format: roundScore(n.score.format),
          conformance: roundScore(n.score.conformance),
          metadata: roundScore(n.score.metadata),
          total: roundScore(n.score.total),
          reasons: json(n.score.reasons.map(roundReason)),
          at: now,
        })),
      )
      .onConflict((oc) =>
        oc.columns(['distribution_iri', 'scoring_version']).doUpdateSet({
          dataset_iri: sql.ref('excluded.dataset_iri'),
          organisation_iri: sql.ref('excluded.organisation_iri'),
          ...excludedScores(),
          reasons: sql.ref('excluded.reasons'),
          at: sql.ref('excluded.at'),
        }),
      )
      .execute()
  }
  // Distributions no longer live (withdrawn, or gone with their dataset) were not scored in
  // this pass: their current score is dropped; their history stays in the rollups.
  await db.deleteFrom('scores').where('scoring_version', '=', SCORING_VERSION).where('at', '<', now).execute()
  return writeDay(db, scoring, utcDay(now), now)
}
