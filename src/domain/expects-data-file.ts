/**
 * Whether the catalogue promises a data file at a distribution's probed URL, so that an
 * HTML page there (a sign-in form, a portal page, a "not found" page) means the file
 * cannot be downloaded (probe codes `login-wall`, `landing-page`, `soft-404`).
 *
 * - A format or media type declared as HTML: a page is what was promised (no).
 * - The URL is the `downloadURL`: a file (yes).
 * - The URL is an `accessURL` documented as a landing page, i.e. it is the dataset's
 *   `dcat:landingPage` (DCAT: an accessURL may be a landing page): no.
 * - An `accessURL` with a declared data format (a file format, not an API or a map
 *   service): yes. Without a declared format: no.
 */

/** What the catalogue says about the probed URL of one distribution. */
export interface DataFileFacts {
  /** The probed URL is the distribution's downloadURL (else its accessURL). */
  isDownloadUrl: boolean
  /** dct:format and dcat:mediaType as harvested (an IRI, a media type or free text). */
  format: string | null
  mediaType: string | null
  /** The probed URL is also the dataset's dcat:landingPage. */
  isLandingPage: boolean
}

const HTML = /(^|[/\s.(])x?html?\b|text\/html|xhtml|webb?sida|web ?page|hemsida/i
/** Formats that name a service or an API rather than a file: their accessURL may well be a page. */
const SERVICE = /\b(api|rest|soap|sparql|graphql|odata|wms|wfs|wcs|wmts|csw|ogc|arcgis)\b|_srvc\b|service|tjänst/i

/** True when an HTML answer at the probed URL is a failure (see the module comment). */
export function expectsDataFile(f: DataFileFacts): boolean {
  const declared = [f.format, f.mediaType].filter((v): v is string => typeof v === 'string' && v.trim() !== '')
  if (declared.some((v) => HTML.test(v))) return false
  if (f.isDownloadUrl) return true
  if (f.isLandingPage) return false
  if (f.format && SERVICE.test(f.format)) return false
  return declared.length > 0
}
