/**
 * The world's defects that put a web page, or a browser-only redirect, between a user and
 * a data file, as they are met on real servers:
 *
 * - `redirect-raw-utf8`: 302 whose `Location` holds raw UTF-8 bytes (`/filer/<n>/Statistik
 *   år <n>.csv`), as IIS and SharePoint send it; a browser reads it as UTF-8 and
 *   percent-encodes it, and the file is there (ok, `redirected`);
 * - `redirect-raw-latin1`: the same in latin1 (one byte 0xE5 for å); a browser keeps the
 *   byte (`%E5`), and the server answers that (ok, `redirected`);
 * - `sign-in-redirect`: 302 to a SAML sign-in (`/sso/<n>/saml?SAMLRequest=...`) whose page
 *   has a password field (failing, `login-wall`);
 * - `portal-front-page`: 302 to the host's front page, a portal page (failing, `landing-page`);
 * - `access-url-landing-page`: 200 with a page about the dataset, at an accessURL the catalogue
 *   documents as the dataset's landing page (ok: a page is what it promised).
 *
 * `soft-404-html` and `declared-json-serves-html` are rendered by render-body.ts.
 */
import { htmlPage } from './render-body.js'

/** An answer: status, headers (values written as latin1 bytes by node:http), body. */
export interface PageAnswer {
  status: number
  headers: Record<string, string>
  body: Buffer
}

const html = { 'content-type': 'text/html; charset=utf-8' }

/** The file name a raw-byte redirect of distribution `dist` leads to. */
function fileName(dist: number): string {
  return `Statistik år ${dist}.csv`
}

/** The name's bytes as the defect sends them in `Location`: UTF-8 or latin1. */
function nameBytes(dist: number, encoding: 'utf8' | 'latin1'): Buffer {
  return Buffer.from(fileName(dist), encoding)
}

/** The request target segment a browser makes of those bytes (WHATWG URL percent-encoding; raw bytes kept when not UTF-8). */
function encodedName(dist: number, encoding: 'utf8' | 'latin1'): string {
  let out = ''
  for (const b of nameBytes(dist, encoding)) out += b > 0x20 && b < 0x7f ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, '0')}`
  return out
}

/** The first answer at a distribution's own URL when one of these defects is active, else null. */
export function pageDefectAnswer(defect: string | null, dist: number): PageAnswer | null {
  switch (defect) {
    case 'redirect-raw-utf8':
    case 'redirect-raw-latin1': {
      const bytes = nameBytes(dist, defect === 'redirect-raw-utf8' ? 'utf8' : 'latin1')
      // node:http writes header strings as latin1: each char below is one byte on the wire.
      const location = `/filer/${dist}/${bytes.toString('latin1')}`
      return { status: 302, headers: { ...html, location }, body: Buffer.from('<a href="/">Flyttad</a>\n') }
    }
    case 'sign-in-redirect': {
      const relay = encodeURIComponent(`/data/${dist}`)
      return { status: 302, headers: { ...html, location: `/sso/${dist}/saml?SAMLRequest=fZJNT8MwDIb%2FSuR7l7SbKhStkxBj0qQxpsG4A7AptO7qdP1YTBvj3%2BP0Y0NcnPjJ6%2FjJ&RelayState=${relay}` }, body: Buffer.alloc(0) }
    }
    case 'portal-front-page':
      return { status: 302, headers: { ...html, location: '/' }, body: Buffer.alloc(0) }
    case 'access-url-landing-page':
      // The dataset's landing page: what the data is, and where to get it (catalogue-claims.ts).
      return { status: 200, headers: html, body: htmlPage('Om datamängden', 'Här beskriver kommunen datamängden, vad den innehåller och hur ofta den uppdateras.') }
    default:
      return null
  }
}

/**
 * The answer on the paths these defects lead to (`/filer/<n>/<name>`, `/sso/<n>/saml`), for
 * a distribution whose defect (on some day) is `base`; null when the path is not one of them.
 */
export function pageDefectTarget(parts: string[], dist: number, base: string | null): PageAnswer | 'file' | null {
  if (parts[1] === 'filer' && parts.length === 4) {
    if (base === 'redirect-raw-utf8' && parts[3] === encodedName(dist, 'utf8')) return 'file'
    if (base === 'redirect-raw-latin1' && parts[3] === encodedName(dist, 'latin1')) return 'file'
    return null
  }
  if (parts[1] === 'sso' && parts[3] === 'saml' && parts.length === 4 && base === 'sign-in-redirect') {
    const form = '<form method="post" action="/sso/login"><label>Användarnamn <input name="username"></label><label>Lösenord <input type="password" name="password"></label><button>Logga in</button></form>'
    return { status: 200, headers: html, body: htmlPage('Logga in – Kommun-ID', `Logga in med ditt konto för att fortsätta. ${form}`) }
  }
  return null
}

/** A host's front page: the portal page `portal-front-page` leads to. */
export function frontPage(): PageAnswer {
  return { status: 200, headers: html, body: htmlPage('Välkommen till kommunens webbplats', 'Här hittar du nyheter, e-tjänster och kontaktuppgifter. Sök på webbplatsen eller välj ett område.') }
}
