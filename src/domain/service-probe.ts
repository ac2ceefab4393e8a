/**
 * What is probed for a data service (dcat:DataService), through the same sweep as the
 * distributions: its first dcat:endpointURL, and for an OGC web service (WMS, WFS, WCS,
 * WMTS, CSW) a GetCapabilities request to it, since the bare endpoint of an OGC service
 * answers an error document (or nothing useful) without one. An OGC service is one that
 * conforms to an OGC service type (dct:conformsTo an opengis.net IRI naming it), or whose
 * endpoint or description URL names it (`service=WMS`, `/wms`).
 *
 * A GetCapabilities answer must be XML, so an HTML page there (a sign-in form, a portal
 * page) is failing (`expectData`). A REST endpoint's root may well be a page about the API,
 * so an HTML answer there is not held against it.
 */

/** The OGC service types a GetCapabilities request is made for. */
export const OGC_SERVICE_TYPES = ['WMS', 'WFS', 'WCS', 'WMTS', 'CSW'] as const
export type OgcServiceType = (typeof OGC_SERVICE_TYPES)[number]

/** What the catalogue says about a service, as far as probing it goes. */
export interface ServiceProbeFacts {
  endpointUrls: string[]
  endpointDescription: string | null
  conformsTo: string[]
}

/** The URL to probe for a service, and whether an HTML answer there is failing; null when it has no endpoint. */
export interface ServiceProbe {
  url: string
  expectData: boolean
  ogc: OgcServiceType | null
}

const TYPE_IN_TEXT = new RegExp(`(?:[?&]service=|/)(${OGC_SERVICE_TYPES.join('|')})(?:[/?&#]|$)`, 'i')
const TYPE_IN_IRI = new RegExp(`opengis\\.net/.*\\b(${OGC_SERVICE_TYPES.join('|')})\\b`, 'i')

/** The OGC service type a service is, or null when it is not one (see the module comment). */
export function ogcServiceType(s: ServiceProbeFacts): OgcServiceType | null {
  const named = (text: string | null | undefined, re: RegExp) => (text ? (re.exec(text)?.[1]?.toUpperCase() as OgcServiceType | undefined) : undefined)
  for (const c of s.conformsTo) {
    const t = named(c, TYPE_IN_IRI)
    if (t) return t
  }
  return named(s.endpointUrls[0], TYPE_IN_TEXT) ?? named(s.endpointDescription, TYPE_IN_TEXT) ?? null
}

/** The probe of a service: its first endpoint, with a GetCapabilities request for an OGC service. */
export function serviceProbe(s: ServiceProbeFacts): ServiceProbe | null {
  const endpoint = s.endpointUrls[0]
  if (!endpoint) return null
  const ogc = ogcServiceType(s)
  if (!ogc) return { url: endpoint, expectData: false, ogc: null }
  if (/[?&]request=getcapabilities(?:&|#|$)/i.test(endpoint)) return { url: endpoint, expectData: true, ogc }
  const hash = endpoint.indexOf('#')
  const base = hash === -1 ? endpoint : endpoint.slice(0, hash)
  const params = [...(/[?&]service=/i.test(base) ? [] : [`service=${ogc}`]), 'request=GetCapabilities'].join('&')
  const sep = base.includes('?') ? (/[?&]$/.test(base) ? '' : '&') : '?'
  return { url: `${base}${sep}${params}`, expectData: true, ogc }
}
