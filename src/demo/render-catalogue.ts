import { renderBody } from './render-body.js'
import { hash32, rand01 } from './hash32.js'
import { frequencyBase, mediaTypes, themeBase, topics } from './topics.js'
import { hvdTraits, hvdXml, type HvdTraits } from './hvd-world.js'
import type { WorldLayout } from './world-layout.js'
import { isLandingPage, modifiedXml } from './catalogue-claims.js'

const licences = [
  'http://creativecommons.org/publicdomain/zero/1.0/',
  'http://creativecommons.org/publicdomain/zero/1.0/',
  'http://creativecommons.org/licenses/by/4.0/',
]

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
}

function isoDate(seed: number, salt: number, index: number, minYear: number): string {
  // A date between minYear-01-01 and 2025-12-31, deterministic.
  const start = Date.UTC(minYear, 0, 1)
  const span = Date.UTC(2025, 11, 31) - start
  return new Date(start + Math.floor(rand01(seed, salt, index) * (span / 86_400_000)) * 86_400_000).toISOString().slice(0, 10)
}

/**
 * The DCAT-AP-SE catalogue of organisation `o` as RDF/XML, in the shape dataportal.se
 * harvests (see the "rekommenderat" fixture): dcat:Catalog, foaf:Agent publisher,
 * vcard contact points, dcat:Dataset with Swedish and English titles, keywords, EU
 * themes and frequencies, dcat:Distribution with a media-type literal as dct:format,
 * a few dcat:DataService. Metadata defects (missing licence, contact point, format)
 * are left out exactly where the model says. The text does not depend on the day.
 * The catalogue is made as a sequence of text chunks (about one per dataset), so the server
 * can stream a large organisation's catalogue with backpressure instead of building a
 * 20 MB string.
 */
export function* catalogueChunks(layout: WorldLayout, o: number, epochMs: number): Generator<string> {
  const org = layout.model.organisations[o]
  let out: string[] = []
  const push: Push = (line) => out.push(line)
  const flush = () => {
    const chunk = out.join('\n') + '\n'
    out = []
    return chunk
  }
  catalogueHead(layout, o, push)
  for (let ds = org.firstDataset; ds < org.firstDataset + org.datasetCount; ds++) {
    if (out.length > 200) yield flush()
    datasetXml(layout, o, ds, epochMs, push)
  }
  push('</rdf:RDF>')
  yield flush()
}

/** Adds one line of the catalogue. */
type Push = (line: string) => void

const CONTACTS = ['Öppna data', 'Kommunikation', 'Samhällsbyggnad']
const CONTACT_MAILBOXES = ['oppnadata', 'kommunikation', 'samhallsbyggnad']

/** The document's start: the catalogue, its publisher and its contact points. */
function catalogueHead(layout: WorldLayout, o: number, push: Push): void {
  const m = layout.model
  const org = m.organisations[o]
  const orgIri = layout.orgIri(o)
  push('<?xml version="1.0" encoding="UTF-8"?>')
  push(
    '<rdf:RDF\n\txmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"\n\txmlns:xsd="http://www.w3.org/2001/XMLSchema#"\n\txmlns:dcterms="http://purl.org/dc/terms/"\n\txmlns:rdfs="http://www.w3.org/2000/01/rdf-schema#"\n\txmlns:vcard="http://www.w3.org/2006/vcard/ns#"\n\txmlns:dcat="http://www.w3.org/ns/dcat#"\n\txmlns:dcatap="http://data.europa.eu/r5r/"\n\txmlns:foaf="http://xmlns.com/foaf/0.1/">',
  )
  push(`<dcat:Catalog rdf:about="${esc(layout.catalogueIri(o))}">`)
  push(`\t<dcterms:title xml:lang="sv">Öppna data från ${esc(org.displayName)}</dcterms:title>`)
  push(`\t<dcterms:title xml:lang="en">Open data from ${esc(org.displayName)}</dcterms:title>`)
  push(`\t<dcterms:description xml:lang="sv">Datakatalog för ${esc(org.displayName)} i den simulerade regionen.</dcterms:description>`)
  push(`\t<dcterms:publisher rdf:resource="${esc(orgIri)}"/>`)
  push(`\t<dcterms:license rdf:resource="${licences[0]}"/>`)
  push(`\t<foaf:homepage rdf:resource="http://${layout.catalogueHost}/${org.slug}/"/>`)
  push('\t<dcterms:language rdf:resource="http://publications.europa.eu/resource/authority/language/SWE"/>')
  push('\t<dcterms:issued rdf:datatype="http://www.w3.org/2001/XMLSchema#date">2020-09-15</dcterms:issued>')
  push('\t<dcat:themeTaxonomy rdf:resource="http://publications.europa.eu/resource/authority/data-theme"/>')
  const end = org.firstDataset + org.datasetCount
  for (let ds = org.firstDataset; ds < end; ds++) push(`\t<dcat:dataset rdf:resource="${esc(layout.datasetIri(ds))}"/>`)
  for (let ds = org.firstDataset; ds < end; ds++) if (m.datasetHasService(ds)) push(`\t<dcat:service rdf:resource="${esc(layout.serviceIri(ds))}"/>`)
  push('</dcat:Catalog>')

  push(`<foaf:Agent rdf:about="${esc(orgIri)}">`)
  push(`\t<foaf:name xml:lang="sv">${esc(org.displayName)}</foaf:name>`)
  push(`\t<dcterms:identifier>${org.orgnr.replace('-', '')}</dcterms:identifier>`)
  push(`\t<dcterms:type rdf:resource="http://purl.org/adms/publishertype/${org.code.length === 2 ? 'RegionalAuthority' : 'LocalAuthority'}"/>`)
  push('</foaf:Agent>')

  for (let k = 0; k < CONTACTS.length; k++) {
    push(`<vcard:Organization rdf:about="${esc(layout.contactIri(o, k))}">`)
    push(`\t<vcard:fn>${CONTACTS[k]}, ${esc(org.displayName)}</vcard:fn>`)
    push(`\t<vcard:hasEmail rdf:resource="mailto:${CONTACT_MAILBOXES[k]}@${org.slug}.example"/>`)
    push('</vcard:Organization>')
  }
}

/** One dataset of organisation `o`, then its distributions and its data service (if any). */
function datasetXml(layout: WorldLayout, o: number, ds: number, epochMs: number, push: Push): void {
  const m = layout.model
  const org = m.organisations[o]
  const seed = m.seed
  const topic = topics[m.dsTopic[ds]]
  const ordinal = m.dsOrdinal[ds]
  const suffixSv = ordinal === 0 ? '' : ` (del ${ordinal + 1})`
  const suffixEn = ordinal === 0 ? '' : ` (part ${ordinal + 1})`
  const spec = m.dsSpec[ds]
  const dsIri = layout.datasetIri(ds)
  const issued = isoDate(seed, 61, ds, 2018)
  const hvd = hvdTraits(m, ds, serviceDistOf(m, ds).kind === 'wms')
  push(`<dcat:Dataset rdf:about="${esc(dsIri)}">`)
  push(`\t<dcterms:title xml:lang="sv">${esc(topic.sv)} i ${esc(org.name)}${suffixSv}</dcterms:title>`)
  if (hvd?.english !== false) push(`\t<dcterms:title xml:lang="en">${esc(topic.en)} in ${esc(org.name)}${suffixEn}</dcterms:title>`)
  push(`\t<dcterms:description xml:lang="sv">${esc(topic.descSv)} Publiceras av ${esc(org.displayName)}.</dcterms:description>`)
  if (hvd?.english !== false) push(`\t<dcterms:description xml:lang="en">${esc(topic.en)} published by ${esc(org.displayName)}.</dcterms:description>`)
  if (hvd) for (const line of hvdXml(hvd.category)) push(line)
  push(`\t<dcterms:publisher rdf:resource="${esc(layout.orgIri(o))}"/>`)
  for (const k of topic.keywordsSv) push(`\t<dcat:keyword xml:lang="sv">${esc(k)}</dcat:keyword>`)
  for (const k of topic.keywordsEn) push(`\t<dcat:keyword xml:lang="en">${esc(k)}</dcat:keyword>`)
  push(`\t<dcat:theme rdf:resource="${themeBase}${topic.theme}"/>`)
  if (m.datasetHasContact(ds)) push(`\t<dcat:contactPoint rdf:resource="${esc(layout.contactIri(o, hash32(seed, ds, 71) % CONTACTS.length))}"/>`)
  push(`\t<dcterms:accrualPeriodicity rdf:resource="${frequencyBase}${m.frequency(ds)}"/>`)
  push(`\t<dcterms:issued rdf:datatype="http://www.w3.org/2001/XMLSchema#date">${issued}</dcterms:issued>`)
  push('\t<dcterms:accessRights rdf:resource="http://publications.europa.eu/resource/authority/access-right/PUBLIC"/>')
  push('\t<dcterms:spatial rdf:resource="http://sws.geonames.org/2661886"/>')
  if (spec >= 0) push(`\t<dcterms:conformsTo rdf:resource="${esc(layout.specUri(spec))}"/>`)
  const first = m.dsFirstDist[ds]
  for (let d = first; d < first + m.dsDistCount[ds]; d++) {
    if (isLandingPage(m, d)) {
      push(`\t<dcat:landingPage rdf:resource="${esc(layout.distUrl(d))}"/>`)
      break
    }
  }
  for (let d = first; d < first + m.dsDistCount[ds]; d++) push(`\t<dcat:distribution rdf:resource="${esc(layout.distIri(d))}"/>`)
  push('</dcat:Dataset>')

  const licence = licences[hash32(seed, ds, 72) % licences.length]
  for (let d = first; d < first + m.dsDistCount[ds]; d++) distributionXml(layout, { o, ds, d, epochMs }, licence, push, hvd !== null)
  if (m.datasetHasService(ds)) serviceXml(layout, o, ds, licence, push, hvd)
}

/** One distribution `d` of dataset `ds` of organisation `o`. */
function distributionXml(layout: WorldLayout, at: { o: number; ds: number; d: number; epochMs: number }, licence: string, push: Push, hvd: boolean): void {
  const { o, ds, d } = at
  const m = layout.model
  const page = isLandingPage(m, d)
  const org = m.organisations[o]
  const topic = topics[m.dsTopic[ds]]
  const spec = m.dsSpec[ds]
  const kind = m.kind(d)
  const url = esc(layout.distUrl(d))
  push(`<dcat:Distribution rdf:about="${esc(layout.distIri(d))}">`)
  push(`\t<dcterms:title xml:lang="sv">${esc(topic.sv)} (${kind.toUpperCase()})</dcterms:title>`)
  push(`\t<dcterms:description xml:lang="sv">${esc(topic.sv)} i ${esc(org.name)} som ${kind.toUpperCase()}.</dcterms:description>`)
  if (m.hasFormat(d)) push(`\t<dcterms:format>${mediaTypes[kind]}</dcterms:format>`)
  push(`\t<dcat:accessURL rdf:resource="${url}"/>`)
  if (kind !== 'wms' && !page) push(`\t<dcat:downloadURL rdf:resource="${url}"/>`)
  const modified = modifiedXml(m, d, at.epochMs)
  if (modified) push(modified)
  if (m.hasLicense(d)) push(`\t<dcterms:license rdf:resource="${licence}"/>`)
  if (spec >= 0 && kind === 'csv') push(`\t<dcterms:conformsTo rdf:resource="${esc(layout.specUri(spec))}"/>`)
  // Only where the world knows the real size: a made-up byteSize would be a size-mismatch
  // defect that the ground truth does not list.
  if ((kind === 'csv' || kind === 'json' || kind === 'xlsx') && !page && rand01(m.seed, d, 73) < 0.4) {
    const size = renderBody(m, d, m.version(d, 0).version, null).body.length
    push(`\t<dcat:byteSize rdf:datatype="http://www.w3.org/2001/XMLSchema#decimal">${size}</dcat:byteSize>`)
  }
  if (m.datasetHasService(ds) && (kind === 'wms' || kind === 'json')) push(`\t<dcat:accessService rdf:resource="${esc(layout.serviceIri(ds))}"/>`)
  push('\t<dcatap:availability rdf:resource="http://data.europa.eu/r5r/availability/stable"/>')
  if (hvd) for (const line of hvdXml(null)) push(line)
  push('</dcat:Distribution>')
}

/** The distribution a data service of dataset `ds` serves: its WMS or JSON one (else its first). */
function serviceDistOf(m: WorldLayout['model'], ds: number): { dist: number; kind: string } {
  const first = m.dsFirstDist[ds]
  for (let d = first; d < first + m.dsDistCount[ds]; d++) if (m.kind(d) === 'wms' || m.kind(d) === 'json') return { dist: d, kind: m.kind(d) }
  return { dist: first, kind: m.kind(first) }
}

/**
 * The data service of dataset `ds`: its endpoint is the dataset's WMS or JSON distribution;
 * a high-value one's JSON API is described by an OpenAPI document (src/demo/hvd-world.ts).
 */
function serviceXml(layout: WorldLayout, o: number, ds: number, licence: string, push: Push, hvd: HvdTraits | null): void {
  const m = layout.model
  const org = m.organisations[o]
  const topic = topics[m.dsTopic[ds]]
  const { dist: serviceDist, kind } = serviceDistOf(m, ds)
  const endpoint = layout.distUrl(serviceDist).split('?')[0]
  const description = hvd?.openApi && kind === 'json' ? `${layout.serviceIri(ds)}/openapi.json` : layout.distUrl(serviceDist)
  push(`<dcat:DataService rdf:about="${esc(layout.serviceIri(ds))}">`)
  push(`\t<dcterms:title xml:lang="sv">API för ${esc(topic.sv.toLowerCase())} i ${esc(org.name)}</dcterms:title>`)
  push(`\t<dcat:endpointURL rdf:resource="${esc(endpoint)}"/>`)
  push(`\t<dcat:endpointDescription rdf:resource="${esc(description)}"/>`)
  push(`\t<dcat:servesDataset rdf:resource="${esc(layout.datasetIri(ds))}"/>`)
  if (kind === 'wms') push('\t<dcterms:conformsTo rdf:resource="http://www.opengis.net/def/serviceType/ogc/wms"/>')
  if (m.datasetHasContact(ds)) push(`\t<dcat:contactPoint rdf:resource="${esc(layout.contactIri(o, 0))}"/>`)
  push(`\t<dcterms:license rdf:resource="${licence}"/>`)
  push('\t<dcterms:accessRights rdf:resource="http://publications.europa.eu/resource/authority/access-right/PUBLIC"/>')
  if (hvd) for (const line of hvdXml(hvd.category)) push(line)
  push('</dcat:DataService>')
}
