/**
 * Thrown by `FetchEngine.fetchBody` / `fetchDocument` when no body can be had. `code` is
 * the probe code that says why (`http-404`, `timeout`, `forbidden-target`, ...; see
 * `outcome-codes.ts`), `status` the HTTP status when one arrived.
 */
export class FetchBodyError extends Error {
  override name = 'FetchBodyError'
  constructor(
    message: string,
    readonly url: string,
    readonly code: string,
    readonly status: number | null = null,
    options?: ErrorOptions,
  ) {
    super(message, options)
  }
}
