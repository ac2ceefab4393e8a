import { HarvestError } from './harvest-error.js'

/**
 * The overall deadline of one source's harvest (harvest.deadlineMs): every page,
 * sub-catalogue and entry together. A catalogue whose `hydra:nextPage` (or CKAN / Solr
 * paging) never ends cannot hold a harvest longer; it fails with 'deadline', and a failed
 * harvest withdraws nothing. Counts the documents read, for the failure's text.
 */
export class HarvestDeadline {
  /** Documents fetched so far under this deadline. */
  documents = 0
  private readonly at: number

  constructor(
    readonly ms: number,
    now: number = Date.now(),
  ) {
    this.at = now + ms
  }

  /** Milliseconds left; throws HarvestError 'deadline' when none are. */
  left(url: string): number {
    const left = this.at - Date.now()
    if (left <= 0) throw this.error(url)
    return left
  }

  /** The failure of a harvest that ran out of time while reading `url`. */
  error(url: string, cause?: unknown): HarvestError {
    return new HarvestError('deadline', { url, ms: this.ms, count: this.documents }, cause === undefined ? undefined : { cause })
  }
}
