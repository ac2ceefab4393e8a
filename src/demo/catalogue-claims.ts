import type { WorldModel } from './world-model.js'

/**
 * What the world's catalogues say that the files contradict, or that makes a page of an
 * address, as planted by three defects (defect-rules.ts):
 *
 * - `modified-claims-update`: the distribution's dct:modified is day 0's date, but its file
 *   last changed days before and does not change for weeks. From day 1, when datavakt has
 *   seen the same file after that date, it must say "the catalogue says updated on <day 0>,
 *   but the file has not changed since <its Last-Modified>".
 * - `modified-behind-change`: a daily file whose distribution still says dct:modified 2023.
 *   From day 1, when datavakt has seen it change, it must say "the file changed on <that
 *   day>, but the catalogue still says 2023".
 * - `access-url-landing-page`: the distribution has no downloadURL; its accessURL is the
 *   dataset's dcat:landingPage, a page about the data (web-page-defects.ts). DCAT allows
 *   that: the address stays ok, and the format check asks for a downloadURL.
 */

/** The xsd:date of `day` in a world whose day 0 starts at `epochMs`. */
function dateOf(epochMs: number, day: number): string {
  return new Date(epochMs + day * 86_400_000).toISOString().slice(0, 10)
}

/** The distribution's own dct:modified line in the catalogue, or null when it has none. */
export function modifiedXml(m: WorldModel, dist: number, epochMs: number): string | null {
  switch (m.baseDefect(dist)) {
    case 'modified-claims-update':
      return `\t<dcterms:modified rdf:datatype="http://www.w3.org/2001/XMLSchema#date">${dateOf(epochMs, 0)}</dcterms:modified>`
    case 'modified-behind-change':
      return '\t<dcterms:modified rdf:datatype="http://www.w3.org/2001/XMLSchema#gYear">2023</dcterms:modified>'
    default:
      return null
  }
}

/** The freshness findings about dct:modified that datavakt should report on `day` (its content run seeing each day at noon). */
export function expectedClaims(m: WorldModel, dist: number, day: number): string[] {
  if (day < 1) return []
  switch (m.baseDefect(dist)) {
    case 'modified-claims-update':
      return ['declared-modified-without-change']
    case 'modified-behind-change':
      return ['declared-modified-behind-change']
    default:
      return []
  }
}

/** True when the distribution's only address is its dataset's landing page. */
export function isLandingPage(m: WorldModel, dist: number): boolean {
  return m.baseDefect(dist) === 'access-url-landing-page'
}
