import { createWriteStream } from 'node:fs'
import { once } from 'node:events'
import { contentFindingsFor } from './render-body.js'
import { expectedClaims, isLandingPage } from './catalogue-claims.js'
import { defectRules, type DefectName } from './defect-rules.js'
import { hash5, hash6 } from './hash32.js'
import { mediaTypes } from './topics.js'
import type { WorldLayout } from './world-layout.js'
import type { WorldModel } from './world-model.js'

/** What datavakt should conclude about one distribution on one day (the world contract). */
export interface GroundTruthEntry {
  distributionIri: string
  datasetIri: string
  organisationIri: string
  /** The dcat:downloadURL (or accessURL) the checker probes. */
  url: string
  /** The url is an accessURL only, the dataset's dcat:landingPage (no downloadURL). */
  landingPage: boolean
  /** "127.0.x.y:port". */
  host: string
  declaredFormat: string | null
  /** Defect names active on that day (wire/content defect and metadata defects). */
  defects: string[]
  expected: {
    outcome: 'ok' | 'failing' | 'unverified'
    code: string
    contentFindings: string[]
    metadataFindings: string[]
    /**
     * HDX-style freshness of the file on that day, judged from its real last change
     * (null when the periodicity is irregular, or the address is a landing page). Stale
     * files are overdue or delinquent.
     */
    freshness: 'fresh' | 'due' | 'overdue' | 'delinquent' | null
    /** What the catalogue's dct:modified contradicts that day (catalogue-claims.ts): freshness finding codes. */
    freshnessFindings: string[]
  }
  /** Additions beyond the contract, for debugging and finer scoring. */
  day: number
  kind: string
  periodicity: string
  conformsTo: string | null
  /** How the defect behaves over days: always, from day A, or in the window [A, B). */
  lifecycle: { kind: 'always' | 'from' | 'window'; from?: number; until?: number } | null
  /** The defect the distribution has on some day, whether or not active on this one. */
  baseDefect: string | null
  ignoresRange: boolean
  lastModified: string
  etag: string
  /** World day of the last content change (negative = before day 0). */
  changedDay: number
}

// HDX thresholds in days: [due, overdue, delinquent] per periodicity.
const hdx: Record<string, [number, number, number] | null> = {
  DAILY: [1, 2, 3],
  WEEKLY: [7, 14, 21],
  MONTHLY: [30, 44, 60],
  QUARTERLY: [91, 105, 121],
  ANNUAL: [365, 425, 455],
  IRREG: null,
}

/** The instant of world day `day`: epoch + day days (midnight UTC). */
export function dayStart(epochMs: number, day: number): number {
  return epochMs + day * 86_400_000
}

/**
 * Validators of a distribution on a day. The file "changes" at some hour (03–11 UTC)
 * of its change day; a content defect that switched on later counts as a change too,
 * because the publisher replaced the file.
 */
export function validators(model: WorldModel, epochMs: number, dist: number, day: number, active: DefectName | null): { version: number; changedDay: number; lastModified: string; etag: string; variant: number } {
  const v = model.version(dist, day)
  let changedDay = v.changedDay
  const life = model.lifecycle(dist)
  if (active && life.kind !== 'always' && life.from !== undefined && life.from > changedDay) changedDay = life.from
  if (!active && life.kind === 'window' && life.until !== undefined && day >= life.until && life.until > changedDay) changedDay = life.until
  const variant = active ? 1 + (model.distDefect[dist] ?? 0) : 0
  const hour = 3 + (hash5(model.seed, dist, changedDay, 91, 0) % 8)
  const minute = hash5(model.seed, dist, changedDay, 92, 0) % 60
  const lm = new Date(dayStart(epochMs, changedDay) + hour * 3_600_000 + minute * 60_000)
  const etag = `"${hash5(model.seed, dist, v.version, variant, 0).toString(16).padStart(8, '0')}${hash6(model.seed, dist, v.version, variant, 7, 0).toString(16).padStart(8, '0')}"`
  return { version: v.version, changedDay, lastModified: lm.toUTCString(), etag, variant }
}

/** The ground truth of one distribution on one day. */
export function truthEntry(layout: WorldLayout, epochMs: number, dist: number, day: number): GroundTruthEntry {
  const m = layout.model
  const ds = m.distDataset[dist]
  const o = m.dsOrg[ds]
  const active = m.activeDefect(dist, day)
  const base = m.baseDefect(dist)
  const defects: string[] = []
  const metadataFindings: string[] = []
  if (active && !['missing-license', 'missing-contact', 'missing-format'].includes(active)) defects.push(active)
  if (!m.hasLicense(dist)) {
    defects.push('missing-license')
    metadataFindings.push('missing-license')
  }
  if (!m.datasetHasContact(ds)) {
    defects.push('missing-contact')
    metadataFindings.push('missing-contact-point')
  }
  if (!m.hasFormat(dist)) {
    defects.push('missing-format')
    metadataFindings.push('missing-format')
  }
  const rule = active ? defectRules[active] : null
  const kind = m.kind(dist)
  const val = validators(m, epochMs, dist, day, active)
  const freq = m.frequency(ds)
  const thresholds = hdx[freq]
  let freshness: GroundTruthEntry['expected']['freshness'] = null
  // A landing page is not the file: datavakt cannot judge the data's freshness from it.
  if (thresholds && !isLandingPage(m, dist)) {
    // Judged at noon of the day, against the change time.
    const age = (dayStart(epochMs, day) + 12 * 3_600_000 - Date.parse(val.lastModified)) / 86_400_000
    freshness = age < thresholds[0] ? 'fresh' : age < thresholds[1] ? 'due' : age < thresholds[2] ? 'overdue' : 'delinquent'
  }
  const spec = m.dsSpec[ds]
  return {
    distributionIri: layout.distIri(dist),
    datasetIri: layout.datasetIri(ds),
    organisationIri: layout.orgIri(o),
    url: layout.distUrl(dist),
    landingPage: isLandingPage(m, dist),
    host: layout.hostName(m.hostOf(dist)),
    declaredFormat: m.hasFormat(dist) ? mediaTypes[kind] : null,
    defects,
    expected: {
      outcome: rule ? rule.outcome : 'ok',
      code: rule ? rule.code : 'ok',
      contentFindings: rule ? contentFindingsFor(m, dist, active, rule.content) : [],
      metadataFindings,
      freshness,
      freshnessFindings: expectedClaims(m, dist, day),
    },
    day,
    kind,
    periodicity: freq,
    conformsTo: spec >= 0 ? layout.specUri(spec) : null,
    lifecycle: base ? m.lifecycle(dist) : null,
    baseDefect: base,
    ignoresRange: m.hostOf(dist) < m.hostCount ? m.hostIgnoresRange[m.hostOf(dist)] === 1 : false,
    lastModified: val.lastModified,
    etag: val.etag,
    changedDay: val.changedDay,
  }
}

/** Writes ground truth as JSON Lines (one entry per distribution per day), streaming. */
export async function writeGroundTruthFile(path: string, entries: Iterable<GroundTruthEntry>): Promise<void> {
  const out = createWriteStream(path)
  const failed = once(out, 'error').then(([err]) => {
    throw new Error(`kunde inte skriva ground truth till ${path}`, { cause: err })
  })
  failed.catch(() => {})
  let buf = ''
  for (const e of entries) {
    buf += JSON.stringify(e) + '\n'
    if (buf.length > 1 << 16) {
      if (!out.write(buf)) await Promise.race([once(out, 'drain'), failed])
      buf = ''
    }
  }
  out.end(buf)
  await Promise.race([once(out, 'finish'), failed])
}
