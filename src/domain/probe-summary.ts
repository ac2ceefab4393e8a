/**
 * What the availability part knows about one distribution: its latest probe and the state
 * it left, as checks (the availability verdict, the metadata check's reachability),
 * the content sweep and scoring read it, and as the store reads it back.
 */
import type { MessageParams } from './finding.js'
import type { ProbeOutcome } from './probe-codes.js'

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

