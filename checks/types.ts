/**
 * The contract between datavakt and its checks. A check is a plain object registered in
 * `checks/index.ts`. It reads a target (a distribution with its dataset, and the bytes
 * when the check needs them) and returns a result. It never writes to the database and
 * never throws for bad data: bad data is a finding. It throws only when it cannot run.
 */

import type { CheckStatus, Finding as DomainFinding } from '../src/domain/finding.js'
import type { Dimension } from '../src/domain/dimension.js'
import type { LangText } from '../src/domain/lang-text.js'
import type { MessageParams } from '../src/domain/finding.js'
import type { ProbeOutcome } from '../src/domain/probe-codes.js'

export type { CheckStatus, Severity, FindingLocation } from '../src/domain/finding.js'
export type { Dimension } from '../src/domain/dimension.js'
export type { LangText } from '../src/domain/lang-text.js'

/**
 * One thing a check found: a stable code, a severity, the params its words need and where
 * it points (src/domain/finding.ts). The words come from the message catalogue
 * (src/i18n/) when the finding is shown. TRANSITIONAL: `message` and `hint` remain only
 * until every check speaks in codes and params; they are then removed.
 */
export interface Finding extends DomainFinding {
  /** @deprecated words belong in src/i18n/messages/; give params instead. */
  message?: string
  /** @deprecated words belong in src/i18n/messages/. */
  hint?: string
}

export interface CheckResult {
  status: CheckStatus
  findings: Finding[]
  /** elapsedMs, bytes, rows, ... */
  metrics?: Record<string, number>
  /** Small structured facts for later checks and scoring (e.g. detected format, star rating). */
  facts?: Record<string, string | number | boolean | null>
}

/** What a check may know about a dataset. Plain data; checks never import the database. */
export interface DatasetInfo {
  iri: string
  title: LangText
  description: LangText
  publisherIri: string | null
  contactEmail: string | null
  license: string | null
  accessRights: string | null
  accrualPeriodicity: string | null
  conformsTo: string[]
  spatial: string[]
  temporal: { start?: string; end?: string }[]
  keywords: LangText[]
  themes: string[]
  landingPage: string | null
  issued: string | null
  modified: string | null
  hvdCategories: string[]
  applicableLegislation: string[]
}

export interface DistributionInfo {
  iri: string
  datasetIri: string
  title: LangText
  description: LangText
  accessUrl: string | null
  downloadUrl: string | null
  format: string | null
  mediaType: string | null
  byteSize: number | null
  license: string | null
  accessRights: string | null
  conformsTo: string[]
  accessServiceIri: string | null
  /** dct:rights (a rights statement), when harvested; optional so older producers need not set it. */
  rights?: string | null
  issued: string | null
  modified: string | null
}

export interface DataServiceInfo {
  iri: string
  title: LangText
  endpointUrls: string[]
  endpointDescription: string | null
  license: string | null
  accessRights: string | null
  conformsTo: string[]
  servesDatasets: string[]
  hvdCategories: string[]
}

/**
 * A probe's warning that does not change its outcome (https→http downgrade, certificate
 * expiring soon, ...): a finding code with its params. Probes stored before the catalogue
 * existed carry their words in `message` instead.
 */
export interface ProbeWarning {
  code: string
  params?: MessageParams
  /** @deprecated words of a probe stored before the catalogue; shown only when the code has no words there. */
  message?: string
}

/**
 * What the availability part knows about one distribution at a moment: its latest probe
 * and the availability state that probe left (src/availability). The one shape of a probe
 * summary: the content sweep builds it from the latest probes (src/content/load-targets.ts),
 * scoring from the probes up to the moment it scores, and both hand it to the one
 * availability verdict (checks/availability-verdict.ts). The latest probe may be
 * `unverified` (it neither breaks nor heals): `state` is then what the earlier probes left.
 */
export interface ProbeSummary {
  outcome: ProbeOutcome
  /** The probe code (src/domain/probe-codes.ts); a string because it is read back from storage. */
  code: string
  httpStatus: number | null
  finalUrl: string | null
  contentType: string | null
  contentLength: number | null
  etag: string | null
  lastModified: string | null
  /** When the probe was made (ISO). */
  at: string
  /** Availability over time: broken only after repeated failures over a day; unknown while nothing could judge the URL. */
  state: 'unknown' | 'ok' | 'degraded' | 'broken'
  /** Failing probes in a row, the latest included (unverified ones neither add nor reset). */
  consecutiveFailures: number
  /** When the current run of failures began (ISO); null when not failing. */
  failingSince: string | null
  /** Warnings of the probe that do not change its outcome. */
  findings: ProbeWarning[]
  /** Days until the TLS certificate expires (https only). */
  tlsDaysLeft: number | null
}

/**
 * The bytes of a distribution, fetched once and shared by every content check of one run.
 * `head` is the first bytes (up to 64 KiB); `stream()` yields the whole body (up to the
 * byte cap) and may be called more than once.
 */
export interface ContentSource {
  url: string
  httpStatus: number | null
  contentType: string | null
  contentLength: number | null
  etag: string | null
  lastModified: string | null
  head: Uint8Array
  /** The body, decompressed, capped at `maxBytes`. */
  stream(): AsyncIterable<Uint8Array>
  /** True when the body was cut at the byte cap (known after a full stream). */
  truncatedAtCap(): boolean
  /** Total bytes seen by the last full stream(), or null before one. */
  bytesRead(): number | null
}

/** What a check is given to judge. */
export interface CheckTarget {
  dataset: DatasetInfo
  /** Absent for dataset-level checks such as metadata. */
  distribution?: DistributionInfo
  dataServices: DataServiceInfo[]
  probe?: ProbeSummary
  content?: ContentSource
  /** Every distribution of the dataset, for dataset-level checks (metadata, MQA, HVD). */
  distributions?: DistributionInfo[]
  /** The latest probe of each URL (access, download, endpoint), keyed by the URL as published. */
  probesByUrl?: Record<string, ProbeSummary>
}

/** A schema found for a conformsTo URI. */
export interface ResolvedSchema {
  kind: 'table-schema' | 'json-schema'
  schema: unknown
  /** Where it came from: 'operator:<file>', 'bundled:<file>', or the URL. */
  origin: string
}

/** Services a check may use. All network access goes through here (guarded, polite). */
export interface CheckContext {
  lang: 'sv' | 'en'
  now: Date
  /** csv-structure and conformance stop after this many errors and say so. */
  errorLimit: number
  /** Looks up the schema of a specification URI; null when unknown. */
  resolveSchema(uri: string): Promise<ResolvedSchema | null>
  /**
   * Observations of this distribution's content, newest first (for freshness). Set by the
   * content sweep: the first entry is this run's own observation (on a 304 it repeats the
   * previous etag/lastModified/sha256: nothing changed); failed downloads are left out.
   */
  history?: { at: string; etag: string | null; lastModified: string | null; sha256: string | null }[]
}

/** A check: see the module comment. */
export interface Check {
  /** Stable, stored: 'availability', 'csv-structure', ... */
  readonly id: string
  readonly dimension: Dimension
  appliesTo(target: CheckTarget): boolean
  /** Bad data is a result, never an exception. Throw only when the check itself cannot run. */
  run(target: CheckTarget, ctx: CheckContext): Promise<CheckResult>
}
