import { sql } from 'kysely'
import { columnChecksOfRun } from '../db/column-profile-store.js'
import type { Db } from '../db/database.js'
import { json } from '../db/json.js'
import type { StoredFinding } from '../db/tables/content.js'
import type { CheckStatus } from '../domain/finding.js'
import type { AlertPolicy, Verdict } from './alert-policy.js'
import { applyObservations, type AppliedObservations, type SubjectObservation } from './alert-store.js'

/**
 * The hook points: each is called once by its writer after its results are stored, and
 * reads what it needs back from the database (the availability state after the probe,
 * the dataset's organisation), so the writers know nothing of alerts.
 */

/** A probe as the probe writer stored it. */
export interface StoredProbeRef {
  distributionIri: string
  at: Date
  outcome: 'ok' | 'failing' | 'unverified'
  code: string
  httpStatus: number | null
  url: string
}

const probeVerdict: Record<StoredProbeRef['outcome'], Verdict> = { ok: 'good', failing: 'bad', unverified: 'unverified' }

/** After a batch of probes is written: availability alerts, opened on the broken rule. */
export async function observeProbes(db: Db, probes: StoredProbeRef[], policy: AlertPolicy): Promise<AppliedObservations> {
  if (probes.length === 0) return { opened: 0, resolved: 0 }
  const iris = [...new Set(probes.map((p) => p.distributionIri))]
  const { rows } = await sql<{ iri: string; state: string | null; organisation: string | null; source_id: string | null }>`
    select d.iri, s.state, coalesce(ds.organisation_iri, ds.publisher_iri) as organisation, ds.source_id
    from distributions d
    left join datasets ds on ds.iri = d.dataset_iri
    left join availability_state s on s.distribution_iri = d.iri
    where d.iri = any (array(select jsonb_array_elements_text(${json(iris)})))`.execute(db)
  const byIri = new Map(rows.map((r) => [r.iri, r]))
  // A data service's probes (kept under its IRI, src/db/due-distributions.ts) are no file's: no file alert.
  const items: SubjectObservation[] = probes.filter((p) => byIri.has(p.distributionIri)).map((p) => {
    const r = byIri.get(p.distributionIri)
    return {
      subjectKind: 'distribution',
      subject: p.distributionIri,
      problem: 'availability',
      kind: 'availability',
      organisation: r?.organisation ?? null,
      sourceId: r?.source_id ?? null,
      // A batch holds one probe per distribution (one sweep), so the state read now is the
      // state after this probe.
      obs: { at: p.at, verdict: probeVerdict[p.outcome], brokenNow: r?.state === 'broken' },
      evidence: [{ code: p.code, severity: 'error', params: { url: p.url, status: p.httpStatus } }],
    }
  })
  return applyObservations(db, items, policy)
}

const checkVerdict: Record<CheckStatus, Verdict> = {
  fail: 'bad',
  pass: 'good',
  warn: 'good',
  unverified: 'unverified',
  skipped: 'unverified',
}

/**
 * After a content run stored its check results: one problem per failing check. Results in
 * the availability dimension are left out: a file that cannot be downloaded is one problem,
 * `availability`, opened and resolved from the probes (observeProbes), which see every
 * sweep; the content run's copy of that verdict made a second alert for the same break.
 */
export async function observeCheckRun(db: Db, runId: number, policy: AlertPolicy): Promise<AppliedObservations> {
  const { rows } = await sql<{
    distribution_iri: string | null
    dataset_iri: string
    check_id: string
    status: CheckStatus
    findings: StoredFinding[] | string
    at: Date | string
    organisation: string | null
    source_id: string | null
  }>`
    select r.distribution_iri, r.dataset_iri, r.check_id, r.status, r.findings, r.at,
      coalesce(ds.organisation_iri, ds.publisher_iri) as organisation, ds.source_id
    from check_results r
    left join datasets ds on ds.iri = r.dataset_iri
    where r.run_id = ${runId} and r.dimension <> 'availability'`.execute(db)
  const items: SubjectObservation[] = rows.map((r) => {
    const findings = typeof r.findings === 'string' ? (JSON.parse(r.findings) as StoredFinding[]) : r.findings
    return {
      subjectKind: r.distribution_iri ? 'distribution' : 'dataset',
      subject: r.distribution_iri ?? r.dataset_iri,
      problem: `check:${r.check_id}`,
      kind: 'content',
      organisation: r.organisation,
      sourceId: r.source_id,
      obs: { at: new Date(r.at), verdict: checkVerdict[r.status] },
      // Codes and params only; the first few are evidence enough for an e-mail.
      evidence: findings.slice(0, 5).map(({ code, severity, params, location }) => ({ code, severity, params, location })),
    }
  })
  return applyObservations(db, [...items, ...(await columnObservations(db, runId))], policy)
}

/** A file's columns against its last good version (src/content/column-profile-changes.ts): problem `columns`, a content problem. */
async function columnObservations(db: Db, runId: number): Promise<SubjectObservation[]> {
  return (await columnChecksOfRun(db, runId)).map((c) => ({
    subjectKind: 'distribution',
    subject: c.distributionIri,
    problem: 'columns',
    kind: 'content',
    organisation: c.organisation,
    sourceId: c.sourceId,
    obs: { at: c.at, verdict: c.changes.length > 0 ? 'bad' : 'good' },
    evidence: c.changes,
  }))
}

/** After a harvest of one catalogue source: failing to harvest is a problem of the catalogue. */
export async function observeHarvest(
  db: Db,
  h: { sourceId: string; organisation: string | null; ok: boolean; at: Date; errorCode: string | null; url: string },
  policy: AlertPolicy,
): Promise<AppliedObservations> {
  return applyObservations(
    db,
    [
      {
        subjectKind: 'catalogue',
        subject: h.sourceId,
        problem: 'harvest',
        kind: 'harvest',
        organisation: h.organisation,
        sourceId: h.sourceId,
        obs: { at: h.at, verdict: h.ok ? 'good' : 'bad' },
        evidence: h.ok ? [] : [{ code: h.errorCode ?? 'harvest-failed', severity: 'error', params: { url: h.url } }],
      },
    ],
    policy,
  )
}
