/**
 * Where a redirect leads, read as browsers read it.
 *
 * The WHATWG Fetch standard, "location URL" (https://fetch.spec.whatwg.org/#concept-response-location-url):
 *   2. Let location be the result of extracting header list values given `Location` and
 *      response's header list.
 *   3. If location is a header value, then set location to the result of parsing location
 *      with response's URL.
 *   4. If location is a URL whose fragment is null, then set location's fragment to
 *      requestFragment.
 * and "extract header list values" (https://fetch.spec.whatwg.org/#extract-header-list-values):
 *   2. If the ABNF for name allows a single header and list contains more than one, then
 *      return failure.
 * `Location = URI-reference` allows a single header, so several `Location` headers are a
 * failure, and HTTP-redirect fetch step 5 makes a failure a network error. Chromium does
 * the same (ERR_RESPONSE_HEADERS_MULTIPLE_LOCATION) except when the copies are identical,
 * which it accepts as one; so do we.
 *
 * Header values are bytes. IIS, SharePoint and document systems send raw UTF-8 in
 * `Location` (`/filer/Skolor å.csv`); undici hands header values over decoded as latin1,
 * so the bytes are recovered exactly and read as UTF-8, as browsers do, then parsed by
 * the WHATWG URL parser (`new URL(location, base)`), which resolves relative references,
 * reads `\` as `/` in http(s) URLs, drops tabs and newlines and percent-encodes spaces and
 * non-ASCII. Bytes that are not valid UTF-8 (a latin1 `å`, 0xE5) are kept as bytes and
 * percent-encoded (`%E5`), as Firefox does, so the server gets back exactly what it sent.
 */

/** A header value as undici gives it: one string, several, or none. */
type HeaderValue = string | string[] | undefined

const utf8 = new TextDecoder('utf-8', { fatal: true })

/**
 * The URL a redirect's `Location` header leads to, resolved against `base` (the URL that
 * answered): null when there is no `Location`, 'failure' when there are several different
 * ones or the value is not a URL.
 */
export function locationUrl(value: HeaderValue, base: URL): URL | null | 'failure' {
  const values = value === undefined ? [] : Array.isArray(value) ? value : [value]
  if (values.length === 0) return null
  if (values.some((v) => v !== values[0])) return 'failure'
  const text = decodeHeaderBytes(values[0]!)
  if (text.trim() === '') return null
  let url: URL
  try {
    url = new URL(text, base)
  } catch {
    return 'failure'
  }
  // Step 4: a Location without a fragment keeps the request's fragment.
  if (!text.includes('#') && base.hash) url.hash = base.hash
  return url
}

/**
 * A header value's bytes (undici decoded them as latin1, so each char is one byte) read as
 * UTF-8; when they are not valid UTF-8, every byte over 0x7F is percent-encoded as it is.
 */
export function decodeHeaderBytes(latin1: string): string {
  if (!/[^\x00-\x7f]/.test(latin1)) return latin1
  const bytes = Buffer.from(latin1, 'latin1')
  try {
    return utf8.decode(bytes)
  } catch {
    let out = ''
    for (const b of bytes) out += b > 0x7f ? `%${b.toString(16).toUpperCase().padStart(2, '0')}` : String.fromCharCode(b)
    return out
  }
}
