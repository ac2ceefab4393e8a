/**
 * The result of one availability probe: the stored shape (src/domain/probe-record.ts),
 * with the finding codes a probe can give.
 */
import type { Finding } from '../domain/finding.js'
import type { ProbeCode } from '../domain/probe-codes.js'
import type { ProbeRecord } from '../domain/probe-record.js'
import type { fetchFindingMessages } from '../i18n/messages/findings-fetch.js'
import type { WebPageKind } from './web-page.js'

/** A warning a probe can give that does not change its outcome; each has words in the catalogue. */
export type ProbeWarningCode = keyof typeof fetchFindingMessages

/**
 * A remark about a probe, as data: the probe's own code with its facts (`ProbeDetail` as
 * params) when the outcome is not ok, or a warning (`ProbeWarningCode`). Words are made
 * from the code when shown (`describeFinding`).
 */
export type ProbeFinding = Finding & { code: ProbeCode | ProbeWarningCode }

/** Everything one probe learned about a URL (the stored shape, with the probe's own finding codes). */
export interface ProbeResult extends ProbeRecord {
  findings: ProbeFinding[]
  /**
   * When a 2xx answer was an HTML page: what kind (sign-in form, "not found" page, any
   * other page). It is the probe's code only when a data file was expected (`expectData`).
   */
  webPage: WebPageKind | null
}
