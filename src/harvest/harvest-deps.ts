import type { FetchEngine } from '../fetch/fetch-engine.js'
import type { HarvestConfig } from '../config/config.js'
import type { HarvestDeadline } from './harvest-deadline.js'
import type { HarvestProgress } from '../domain/harvest-progress.js'

/** The one way harvest reaches the network: the engine's fetchDocument (guarded, polite, capped). */
export type FetchDocumentFn = FetchEngine['fetchDocument']

/** What the harvesters need from outside. */
export interface HarvestDeps {
  fetchDocument: FetchDocumentFn
  /** maxCatalogueBytes, timeoutMs, deadlineMs, entryscapeRequestsPerSecond, maxDropShare. */
  harvest: HarvestConfig
  /** Progress as data (the CLI prints it on stderr, in words from the message catalogue). */
  onProgress?: (progress: HarvestProgress) => void
  /** The whole harvest's deadline; `readSource` sets it from harvest.deadlineMs. */
  deadline?: HarvestDeadline
}
