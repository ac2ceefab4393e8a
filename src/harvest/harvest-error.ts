import type { MessageParams } from '../domain/finding.js'
import type { HarvestErrorReason, HarvestFailure } from '../domain/harvest-failure.js'
import { DatavaktError } from '../i18n/datavakt-error.js'

/**
 * Why a catalogue could not be harvested. Thrown by the readers and turned by
 * `harvestSource` into a failed harvest run (reason and params, never words), leaving the
 * previous harvest of the source untouched. `reason` is the stable code
 * (src/domain/harvest-failure.ts); its text is `harvest.error.<reason>` in the catalogue.
 * Params: `url`, `status`, `line`/`column`/`byte` and what the reason's text names.
 */
export class HarvestError extends DatavaktError {
  override name = 'HarvestError'
  readonly reason: HarvestErrorReason

  constructor(reason: HarvestErrorReason, params: MessageParams & { url: string | null }, options?: { cause?: unknown }) {
    super(`harvest.error.${reason}`, withoutUndefined(params), options)
    this.reason = reason
  }

  /** HTTP status of the failing response, when there was one. */
  get httpStatus(): number | null {
    return typeof this.params.status === 'number' ? this.params.status : null
  }

  /** The failure as it is stored and shown. */
  get failure(): HarvestFailure {
    return { code: this.reason, params: this.params }
  }
}

/** Params with no undefined values, so that what is stored as JSON is what was made. */
function withoutUndefined(p: MessageParams): MessageParams {
  return Object.fromEntries(Object.entries(p).filter(([, v]) => v !== undefined))
}
