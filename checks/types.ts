/**
 * The contract between datavakt and its checks. A check is a plain object registered in
 * `checks/index.ts`. It reads a target (a distribution with its dataset, and the bytes
 * when the check needs them) and returns a result. It never writes to the database and
 * never throws for bad data: bad data is a finding. It throws only when it cannot run.
 */

import type { Budgets } from '../src/domain/budgets.js'
import type { CheckStatus, Finding as DomainFinding } from '../src/domain/finding.js'
import type { Dimension } from '../src/domain/dimension.js'
import type { DataService, Dataset, Distribution } from '../src/domain/catalogue-records.js'
import type { MessageParams } from '../src/domain/finding.js'
import type { ProbeOutcome } from '../src/domain/probe-codes.js'
import type { ProbeSummary, ProbeWarning } from '../src/domain/probe-summary.js'

export type { CheckStatus, Severity, FindingLocation } from '../src/domain/finding.js'
export type { Dimension } from '../src/domain/dimension.js'
export type { LangText } from '../src/domain/lang-text.js'

/**
 * One thing a check found: a stable code, a severity, the params its words need and where
 * it points (src/domain/finding.ts). The words come from the message catalogue
 * (src/i18n/) when the finding is shown; a check never writes words.
 */
export type Finding = DomainFinding

export interface CheckResult {
  status: CheckStatus
  findings: Finding[]
  /** elapsedMs, bytes, rows, ... */
  metrics?: Record<string, number>
  /** Small structured facts for later checks and scoring (e.g. detected format, star rating). */
  facts?: Record<string, string | number | boolean | null>
}

/**
 * What a check may know about a dataset: the one dataset shape (src/domain/catalogue-records.ts)
 * as harvested and stored, less the contact name no check reads. Plain data; checks never
 * import the database. A property added there is a compile error where targets are loaded.
 */
export type DatasetInfo = Omit<Dataset, 'contactName'>

/** What a check may know about a distribution, dct:rights included (MQA's `rights`). */
export type DistributionInfo = Distribution

/** What a check may know about a data service that serves a dataset. */
export type DataServiceInfo = Pick<
  DataService,
  'iri' | 'title' | 'publisherIri' | 'contactEmail' | 'endpointUrls' | 'endpointDescription' | 'license' | 'accessRights' | 'conformsTo' | 'servesDatasets' | 'hvdCategories'
>

/** The probe summary checks read has its one home in src/domain/probe-summary.ts. */
export type { ProbeSummary, ProbeWarning }

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
  /**
   * Every distribution of the dataset, for dataset-level checks (metadata, MQA, HVD); the
   * content run sets it on a file's target too (freshness asks whether a dataset's dct:modified
   * can only be about this file).
   */
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
  /** Resource budgets (src/domain/budgets.ts); the defaults when absent. */
  budgets?: Budgets
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
