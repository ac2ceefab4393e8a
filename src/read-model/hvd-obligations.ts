import { sql } from 'kysely'
import type { Db } from '../db/database.js'
import { json } from '../db/json.js'
import type { StoredFinding } from '../db/tables/content.js'
import { uptime } from '../db/uptime.js'
import type { MessageParams } from '../domain/finding.js'
import { pickLang, type LangText } from '../domain/lang-text.js'
import type { Lang } from '../i18n/lang.js'
import { organisationKeyOf } from './organisation-key.js'

/**
 * The High-Value Datasets obligations monitor (regulation (EU) 2023/138): for every live
 * dataset of an organisation that the metadata check found under the regulation (its fact
 * `hvd`), whether each obligation is met, with the evidence. The one read the
 * organisation page, `/api/organisation/hvd` and its CSV and JSON exports all use.
 *
 * The rules are the HVD check's (checks/metadata/hvd.ts): this read groups the findings of
 * the dataset's latest metadata result by obligation, adds the verdict of each serving
 * data service's endpoint description (check `endpoint-description`) and the uptime of
 * each bulk download and data service over the last 30 days, from their probes.
 */

export const HVD_OBLIGATIONS = ['api', 'bulk', 'licence', 'category', 'english', 'availability'] as const
export type HvdObligationName = (typeof HVD_OBLIGATIONS)[number]
/** `unknown`: not judged yet (never probed, never checked), never shown as a failure. */
export type ObligationStatus = 'met' | 'not-met' | 'unknown'

/** The 30-day availability datavakt holds each download and API to: its own bar, not a number of the regulation. */
export const HVD_AVAILABILITY_TARGET = 0.99
export const HVD_PERIOD_DAYS = 30

/** Why an obligation is not met (or not known): a finding's code and params, put into words when shown. */
export interface HvdReason {
  code: string
  params?: MessageParams
}

export interface HvdObligation {
  status: ObligationStatus
  reasons: HvdReason[]
}

/** One bulk download or data service of the dataset, with what its probes and checks say. */
export interface HvdEvidence {
  kind: 'download' | 'service'
  iri: string
  url: string | null
  /** The latest probe's outcome; null when never probed. */
  lastOutcome: 'ok' | 'failing' | 'unverified' | null
  /** Services: the endpoint description's verdict (pass/fail) and kind; null when not checked. */
  description: { status: string; kind: string | null } | null
  /** Share of probes in the period that answered (unverified ones left out); null without any. */
  uptime: number | null
  probes: number
}

export interface HvdDatasetReport {
  iri: string
  title: string
  /** When its metadata was last checked. */
  checkedAt: string
  status: ObligationStatus
  obligations: Record<HvdObligationName, HvdObligation>
  evidence: HvdEvidence[]
}

export interface HvdReport {
  organisation: string
  periodDays: number
  availabilityTarget: number
  datasets: HvdDatasetReport[]
}

/**
 * The HVD findings of the metadata check that each obligation is judged by: those that make
 * it not met, and those that leave it unknown (`*-unverified`: not judged). Availability
 * has none: it is judged from the probes (judgeAvailability).
 */
const OBLIGATION_FINDINGS: Record<HvdObligationName, { notMet: string[]; unknown: string[] }> = {
  api: { notMet: ['hvd-no-data-service', 'hvd-missing-endpoint-description', 'hvd-endpoint-unreachable'], unknown: ['hvd-endpoint-unverified'] },
  bulk: { notMet: ['hvd-no-bulk-download', 'hvd-bulk-download-unreachable'], unknown: ['hvd-bulk-download-unverified'] },
  licence: { notMet: ['hvd-licence-not-open'], unknown: [] },
  category: { notMet: ['hvd-missing-category', 'hvd-invalid-category'], unknown: ['hvd-category-unverified'] },
  english: { notMet: ['hvd-no-english'], unknown: [] },
  availability: { notMet: [], unknown: [] },
}

/** Which obligation each HVD finding is about, and what it makes it: OBLIGATION_FINDINGS by finding code. */
const FINDING_OBLIGATION = new Map<string, [HvdObligationName, ObligationStatus]>()
for (const o of HVD_OBLIGATIONS) {
  for (const code of OBLIGATION_FINDINGS[o].notMet) FINDING_OBLIGATION.set(code, [o, 'not-met'])
  for (const code of OBLIGATION_FINDINGS[o].unknown) FINDING_OBLIGATION.set(code, [o, 'unknown'])
}

/** The worse of two statuses: not-met, then unknown, then met. */
export function worse(a: ObligationStatus, b: ObligationStatus): ObligationStatus {
  return a === 'not-met' || b === 'not-met' ? 'not-met' : a === 'unknown' || b === 'unknown' ? 'unknown' : 'met'
}

interface MetadataRow {
  dataset_iri: string
  title: LangText
  findings: StoredFinding[] | string
  facts: Record<string, unknown> | string
  at: Date | string
}

const parsed = <T>(v: T | string): T => (typeof v === 'string' ? (JSON.parse(v) as T) : v)

/** The organisation's HVD report (see the module comment). Only reads. */
export async function getHvdObligations(db: Db, organisationIri: string, lang: Lang, now: Date = new Date()): Promise<HvdReport> {
  const { rows } = await sql<MetadataRow>`
    select distinct on (r.dataset_iri) r.dataset_iri, ds.title, r.findings, r.facts, r.at
    from datasets ds
    join check_results r on r.dataset_iri = ds.iri and r.check_id = 'metadata' and r.distribution_iri is null
    where ${organisationKeyOf('ds')} = ${organisationIri} and ds.withdrawn_at is null
    order by r.dataset_iri, r.at desc, r.id desc`.execute(db)
  const hvd = rows.filter((r) => parsed(r.facts)?.hvd === true)
  const evidence = await evidenceOf(db, hvd.map((r) => r.dataset_iri), now)
  const datasets = hvd.map((r) => datasetReport(r, evidence.get(r.dataset_iri) ?? [], lang))
  datasets.sort((a, b) => rank(a.status) - rank(b.status) || a.title.localeCompare(b.title, lang))
  return { organisation: organisationIri, periodDays: HVD_PERIOD_DAYS, availabilityTarget: HVD_AVAILABILITY_TARGET, datasets }
}

const rank = (s: ObligationStatus) => (s === 'not-met' ? 0 : s === 'unknown' ? 1 : 2)

function datasetReport(r: MetadataRow, evidence: HvdEvidence[], lang: Lang): HvdDatasetReport {
  const obligations = Object.fromEntries(HVD_OBLIGATIONS.map((o) => [o, { status: 'met', reasons: [] } as HvdObligation])) as Record<HvdObligationName, HvdObligation>
  for (const f of parsed(r.findings)) {
    const hit = FINDING_OBLIGATION.get(f.code)
    if (!hit) continue
    const o = obligations[hit[0]]
    o.status = worse(o.status, hit[1])
    o.reasons.push(f.params ? { code: f.code, params: f.params } : { code: f.code })
  }
  judgeDescriptions(obligations.api, evidence)
  judgeAvailability(obligations.availability, evidence)
  const status = HVD_OBLIGATIONS.reduce<ObligationStatus>((s, o) => worse(s, obligations[o].status), 'met')
  return { iri: r.dataset_iri, title: pickLang(r.title, lang) || r.dataset_iri, checkedAt: new Date(r.at).toISOString(), status, obligations, evidence }
}

/** An API is met only when some serving service's description parses; the failing descriptions' findings are its reasons. */
function judgeDescriptions(api: HvdObligation, evidence: HvdEvidence[]): void {
  const services = evidence.filter((e) => e.kind === 'service')
  if (services.length === 0 || services.some((s) => s.description?.status === 'pass')) return
  const verdict: ObligationStatus = services.every((s) => s.description?.status === 'fail') ? 'not-met' : 'unknown'
  api.status = worse(api.status, verdict)
  for (const s of services) {
    if (s.description?.status === 'fail') api.reasons.push({ code: 'hvd-description-unreadable', params: { service: s.iri } })
    else if (!s.description) api.reasons.push({ code: 'hvd-description-unchecked', params: { service: s.iri } })
  }
}

/** A share as a percentage with one decimal, as reasons carry it. */
const percent = (share: number) => Math.round(share * 1000) / 10

/**
 * Every download and service must answer at least HVD_AVAILABILITY_TARGET of its probes over
 * the period. A reason is given once: a file that is also the API's endpoint, with the same
 * uptime, is one address that did not answer, not two.
 */
function judgeAvailability(o: HvdObligation, evidence: HvdEvidence[]): void {
  const given = new Set<string>()
  const add = (reason: HvdReason) => {
    const key = JSON.stringify(reason)
    if (!given.has(key)) (given.add(key), o.reasons.push(reason))
  }
  for (const e of evidence) {
    if (e.uptime === null) {
      o.status = worse(o.status, 'unknown')
      add({ code: 'hvd-availability-unknown', params: { url: e.url ?? e.iri } })
    } else if (e.uptime < HVD_AVAILABILITY_TARGET) {
      o.status = 'not-met'
      add({ code: 'hvd-availability-low', params: { url: e.url ?? e.iri, percent: percent(e.uptime), target: percent(HVD_AVAILABILITY_TARGET), days: HVD_PERIOD_DAYS } })
    }
  }
  if (evidence.length === 0) o.status = worse(o.status, 'unknown')
}

/** The bulk downloads and serving data services of each dataset, with their probes, description verdicts and uptime. */
async function evidenceOf(db: Db, datasetIris: string[], now: Date): Promise<Map<string, HvdEvidence[]>> {
  const out = new Map<string, HvdEvidence[]>()
  if (datasetIris.length === 0) return out
  const iris = sql`array(select jsonb_array_elements_text(${json(datasetIris)}))`
  const { rows: downloads } = await sql<{ iri: string; dataset_iri: string; url: string; access_service_iri: string | null }>`
    select iri, dataset_iri, download_url as url, access_service_iri from distributions
    where withdrawn_at is null and dataset_iri = any (${iris}) and download_url is not null order by iri`.execute(db)
  const { rows: access } = await sql<{ dataset_iri: string; service: string }>`
    select dataset_iri, access_service_iri as service from distributions
    where withdrawn_at is null and dataset_iri = any (${iris}) and access_service_iri is not null`.execute(db)
  const { rows: services } = await sql<{ iri: string; url: string | null; serves: string[] | string }>`
    select iri, endpoint_urls->>0 as url, serves_datasets as serves from data_services v
    where withdrawn_at is null
      and (exists (select 1 from jsonb_array_elements_text(v.serves_datasets) x where x = any (${iris}))
        or iri in (select access_service_iri from distributions where withdrawn_at is null and dataset_iri = any (${iris})))
    order by iri`.execute(db)
  const probed = [...downloads.map((d) => d.iri), ...services.map((s) => s.iri)]
  const [up, states, descriptions] = await Promise.all([
    uptime(db, { days: HVD_PERIOD_DAYS, now, distributionIris: probed }),
    probed.length ? db.selectFrom('availability_state').select(['distribution_iri', 'last_outcome']).where('distribution_iri', 'in', probed).execute() : [],
    latestDescriptions(db, services.map((s) => s.iri)),
  ])
  const outcome = new Map(states.map((s) => [s.distribution_iri, s.last_outcome]))
  const item = (kind: HvdEvidence['kind'], iri: string, url: string | null): HvdEvidence => {
    const u = up.get(iri)
    return { kind, iri, url, lastOutcome: outcome.get(iri) ?? null, description: kind === 'service' ? (descriptions.get(iri) ?? null) : null, uptime: u?.ratio ?? null, probes: u ? u.ok + u.failing : 0 }
  }
  for (const ds of datasetIris) {
    const viaAccess = new Set(access.filter((a) => a.dataset_iri === ds).map((a) => a.service))
    out.set(ds, [
      ...downloads.filter((d) => d.dataset_iri === ds).map((d) => item('download', d.iri, d.url)),
      ...services.filter((s) => parsed(s.serves).includes(ds) || viaAccess.has(s.iri)).map((s) => item('service', s.iri, s.url)),
    ])
  }
  return out
}

/** The latest endpoint-description verdict of each service (src/content/check-services.ts stores it under the service's IRI). */
async function latestDescriptions(db: Db, serviceIris: string[]): Promise<Map<string, { status: string; kind: string | null }>> {
  if (serviceIris.length === 0) return new Map()
  const { rows } = await sql<{ iri: string; status: string; facts: Record<string, unknown> | string }>`
    select distinct on (distribution_iri) distribution_iri as iri, status, facts from check_results
    where check_id = 'endpoint-description' and distribution_iri = any (array(select jsonb_array_elements_text(${json(serviceIris)})))
    order by distribution_iri, at desc, id desc`.execute(db)
  return new Map(rows.map((r) => [r.iri, { status: r.status, kind: typeof parsed(r.facts)?.kind === 'string' ? String(parsed(r.facts).kind) : null }]))
}
