/**
 * Stable codes of why a harvest failed (stored in harvest_runs.error_code, so pages can
 * explain them in the reader's language).
 */
export type HarvestErrorCode =
  | 'fetch-failed' // no answer: refused, reset, DNS, TLS
  | 'timeout' // the catalogue server was too slow or hung
  | 'http-error' // an answer, but not 2xx
  | 'too-large' // body over harvest.maxCatalogueBytes
  | 'not-rdf' // HTML, empty, or an unknown syntax
  | 'doctype-refused' // RDF/XML with a DOCTYPE / ENTITY declarations
  | 'truncated' // the document stops half way
  | 'parse-error' // syntax error
  | 'bad-response' // CKAN / EntryScape JSON not of the expected shape
  | 'too-many-pages' // paging did not end

/**
 * Why a catalogue could not be harvested. Thrown by the readers and turned by
 * `harvestSource` into a failed harvest run (reason, position, HTTP status), leaving the
 * previous harvest of the source untouched.
 */
export class HarvestError extends Error {
  override name = 'HarvestError'
  readonly code: HarvestErrorCode
  /** Where in the document it failed ("line 120, column 4", "byte 81234"), when known. */
  readonly position: string | null
  /** HTTP status of the failing response, when there was one. */
  readonly httpStatus: number | null
  /** The URL being read when it failed. */
  readonly url: string | null

  constructor(
    message: string,
    opts: { code: HarvestErrorCode; position?: string | null; httpStatus?: number | null; url?: string | null; cause?: unknown },
  ) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause })
    this.code = opts.code
    this.position = opts.position ?? null
    this.httpStatus = opts.httpStatus ?? null
    this.url = opts.url ?? null
  }
}
