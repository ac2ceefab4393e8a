/**
 * Looks at the first bytes of a response for two things the status code hides:
 * a bot challenge page (→ `blocked`, unverified: we could not see the file) and an API
 * error report delivered with 200 OK (→ `api-error`, failing). Only strong markers count,
 * so an ordinary HTML page (e.g. a soft 404) is left to the content checks.
 */

type Headers = Record<string, string | string[] | undefined>

const header = (h: Headers, name: string): string => {
  const v = h[name]
  return (Array.isArray(v) ? v.join(',') : (v ?? '')).toLowerCase()
}

// Markers that only ever appear on challenge pages, whatever the status. One expression,
// so every answer's prefix is read once, not once per marker.
const strongChallenge = new RegExp(
  [
    /<title>\s*just a moment\.\.\.\s*<\/title>/, // Cloudflare managed challenge
    /\/cdn-cgi\/challenge-platform\//,
    /cf-chl-(?:bypass|opt|widget)|_cf_chl_opt/,
    /<title>\s*attention required!\s*\|\s*cloudflare\s*<\/title>/,
    /captcha-delivery\.com/, // DataDome
    /_incapsula_resource|incapsula incident id/, // Imperva
    /px-captcha|perimeterx/,
    /sgcaptcha|\/\.well-known\/sgcaptcha/, // SiteGround
  ]
    .map((re) => `(?:${re.source})`)
    .join('|'),
  'i',
)
// Markers that mean a bot wall only on a refusal (403/429/503), since ordinary pages may mention them.
const refusalChallenge = [
  /<title>\s*access denied\s*<\/title>[\s\S]*reference\s*#/i, // Akamai
  /you don't have permission to access[\s\S]*on this server\.[\s\S]*reference\s*#/i, // Akamai
  /g-recaptcha|h-captcha|hcaptcha\.com|recaptcha\/api\.js|turnstile/i,
  /\bcaptcha\b/i,
  /checking your browser|ddos protection by/i,
]

/**
 * `blocked` for a bot challenge, `api-error` for an error report in a 200, else null.
 * `prefix` is the (decompressed) start of the body; only its first 16 KiB are looked at.
 */
export function sniffBody(status: number, headers: Headers, prefix: Uint8Array): 'blocked' | 'api-error' | null {
  if (header(headers, 'cf-mitigated').includes('challenge')) return 'blocked'
  const text = Buffer.from(prefix.buffer, prefix.byteOffset, Math.min(prefix.byteLength, 16_384)).toString('latin1')
  if (strongChallenge.test(text)) return 'blocked'
  if ((status === 403 || status === 429 || status === 503) && refusalChallenge.some((re) => re.test(text))) return 'blocked'
  if (status >= 200 && status < 300 && isApiError(text, header(headers, 'content-type'))) return 'api-error'
  return null
}

function isApiError(text: string, contentType: string): boolean {
  const head = text.replace(/^\uFEFF|^\xEF\xBB\xBF/, '').trimStart()
  if (head.startsWith('<')) {
    // OGC (WMS/WFS/WCS/CSW): <ServiceExceptionReport>, <ows:ExceptionReport>, WMS 1.1 DOCTYPE.
    const root = /<(?!\?|!)([\w.-]+:)?([\w.-]+)/.exec(head.replace(/<!--[\s\S]*?-->/g, ''))
    if (root && /^(ServiceExceptionReport|ExceptionReport)$/.test(root[2])) return true
    if (/<!DOCTYPE\s+ServiceExceptionReport/i.test(head)) return true
    return false
  }
  if (head.startsWith('{') && (contentType.includes('json') || contentType === '' || contentType.includes('text/plain'))) {
    // ArcGIS REST answers 200 with {"error":{"code":..,"message":..}}; OData with {"error":{"code","message"}}.
    return /^\{\s*"error"\s*:\s*\{[^}]*"(code|message)"\s*:/.test(head)
  }
  return false
}
