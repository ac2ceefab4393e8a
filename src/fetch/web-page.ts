/**
 * What kind of web page an answer is, when a data file was expected and an HTML page came
 * (after redirects). A user who clicks the link gets a page, not the file:
 *
 * - `login-wall`: a sign-in form. A hop or the final address is a SAML or OpenID Connect
 *   sign-in (`SAMLRequest=`, `/adfs/ls`, `/oauth2/authorize`, `/protocol/openid-connect/auth`,
 *   `client_id` with `redirect_uri`, ...) or a `login` path, or the page holds a password
 *   field or a SAML form;
 * - `soft-404`: a "page not found" page answering 200 (src/fetch/error-page.ts);
 * - `landing-page`: any other page (a portal's front page, a dataset page).
 *
 * Whether a page is wrong is the caller's to say (`expectData`): an `accessURL` documented
 * as a landing page and a format declared as HTML are pages by design.
 */
import { detectErrorPage } from './error-page.js'

/** The kinds of web page a probe tells apart; each is also the probe code when data was expected. */
export type WebPageKind = 'login-wall' | 'soft-404' | 'landing-page'

/** Sign-in addresses: SAML, WS-Federation/ADFS, OAuth 2 / OpenID Connect, CAS and plain login paths. */
const SIGN_IN_PATH = /(^|\/)(log-?in|log-?on|sign-?in|logga-?in|inloggning|sso|saml2?|adfs\/ls|cas\/login|oauth2?\/(v2\.0\/)?authorize|protocol\/openid-connect\/auth|connect\/authorize|idp\/profile)(\/|\.[a-z]+$|$)/i
const SIGN_IN_QUERY = /(^|[?&])(SAMLRequest|wa=wsignin1\.0|RelayState)=|(^|[?&])client_id=[^&]*&(.*&)?(redirect_uri|response_type)=|(^|[?&])(redirect_uri|response_type)=.*[?&]client_id=/i
/** In the page: a password field, or a form that posts SAML. */
const SIGN_IN_PAGE = /<input\b[^>]*\btype\s*=\s*["']?password\b|<input\b[^>]*\bname\s*=\s*["']?(SAMLRequest|SAMLResponse)\b/i

/** True when the start of a body is an HTML page (whatever the Content-Type claims). */
export function looksLikeHtml(prefix: Uint8Array, contentType: string | null): boolean {
  const head = Buffer.from(prefix.buffer, prefix.byteOffset, Math.min(prefix.byteLength, 2048))
    .toString('latin1')
    .replace(/^\xEF\xBB\xBF/, '')
    .replace(/^\s*(<\?xml[^>]*\?>\s*)?(<!--[\s\S]*?-->\s*)*/i, '')
  if (/^<(!doctype\s+html|html|head|body)\b/i.test(head)) return true
  // A fragment of markup served as a web page (a CMS's bare <div> or <meta>).
  return /html|xhtml/i.test(contentType ?? '') && /^<(meta|title|div|link|script|p|h1|table)\b/i.test(head)
}

/**
 * The kind of an HTML page reached through `hops` (every address asked for, the final one
 * included); `html` is the start of the page. A "not found" page comes with its words.
 */
export function webPageKind(html: string, hops: readonly string[]): { kind: WebPageKind; evidence?: string } {
  if (hops.some(isSignInAddress) || SIGN_IN_PAGE.test(html)) return { kind: 'login-wall' }
  const notFound = detectErrorPage(html)
  if (notFound) return { kind: 'soft-404', evidence: notFound.evidence.slice(0, 120) }
  return { kind: 'landing-page' }
}

/** File name extensions that say "this is a data file". */
const DATA_EXTENSION = /\.(csv|tsv|txt|json|geojson|jsonld|ndjson|xml|gml|kml|kmz|rdf|ttl|nt|xlsx|xls|ods|zip|gz|shp|gpkg|parquet|sqlite)$/i

/** The data file extension an address ends in (`csv`), or null when it does not look like a data file. */
export function dataExtensionOf(address: string): string | null {
  try {
    return DATA_EXTENSION.exec(new URL(address).pathname)?.[1]?.toLowerCase() ?? null
  } catch {
    return null
  }
}

function isSignInAddress(address: string): boolean {
  let url: URL
  try {
    url = new URL(address)
  } catch {
    return false
  }
  return SIGN_IN_PATH.test(url.pathname) || SIGN_IN_QUERY.test(url.search.slice(1))
}
