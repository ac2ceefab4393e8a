import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { Readable } from 'node:stream'
import { Parser as TurtleParser, type Quad } from 'n3'
import { RdfXmlParser } from 'rdfxml-streaming-parser'
import type { DataServiceInfo, DatasetInfo, DistributionInfo, LangText } from '../../checks/types.js'

/**
 * Reads a DCAT-AP-SE file (RDF/XML or Turtle) into the plain check model, for the metadata
 * tests. Deliberately small and independent of the harvester, so the metadata check can be
 * tested against DIGG's official examples on its own.
 */
export const FIXTURES = fileURLToPath(new URL('../harvest/fixtures/dcat-ap-se/', import.meta.url))

const RDF = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#'
const DCT = 'http://purl.org/dc/terms/'
const DCAT = 'http://www.w3.org/ns/dcat#'
const VCARD = 'http://www.w3.org/2006/vcard/ns#'
const DCATAP = 'http://data.europa.eu/r5r/'

async function parse(path: string): Promise<Quad[]> {
  const text = readFileSync(path, 'utf8')
  if (path.endsWith('.ttl')) return new TurtleParser({ baseIRI: 'http://example.invalid/' }).parse(text)
  const parser = new RdfXmlParser({ baseIRI: 'http://example.invalid/' })
  const quads: Quad[] = []
  await new Promise<void>((resolve, reject) => {
    parser.import(Readable.from([text])).on('data', (q: Quad) => quads.push(q)).on('error', reject).on('end', () => resolve())
  })
  return quads
}

export interface ParsedFixture {
  dataset: DatasetInfo
  distributions: DistributionInfo[]
  dataServices: DataServiceInfo[]
}

/** Parses the fixture and returns its (single) dataset with distributions and data services. */
export async function readFixture(file: string): Promise<ParsedFixture> {
  const quads = await parse(`${FIXTURES}/${file}`)
  const objs = (s: string, p: string) => quads.filter((q) => q.subject.value === s && q.predicate.value === p).map((q) => q.object)
  const one = (s: string, p: string): string | null => objs(s, p)[0]?.value ?? null
  const all = (s: string, p: string): string[] => objs(s, p).map((o) => o.value)
  const text = (s: string, p: string): LangText => {
    const out: LangText = {}
    for (const o of objs(s, p)) if (o.termType === 'Literal') out[o.language ?? ''] = o.value
    return out
  }
  const ofType = (type: string) => quads.filter((q) => q.predicate.value === RDF + 'type' && q.object.value === type).map((q) => q.subject.value)

  const datasetIri = ofType(DCAT + 'Dataset')[0]
  const contact = one(datasetIri, DCAT + 'contactPoint')
  const email = contact ? one(contact, VCARD + 'hasEmail') : null
  const dataset: DatasetInfo = {
    iri: datasetIri,
    title: text(datasetIri, DCT + 'title'),
    description: text(datasetIri, DCT + 'description'),
    publisherIri: one(datasetIri, DCT + 'publisher'),
    contactEmail: email ? email.replace(/^mailto:/, '') : null,
    license: one(datasetIri, DCT + 'license'),
    accessRights: one(datasetIri, DCT + 'accessRights'),
    accrualPeriodicity: one(datasetIri, DCT + 'accrualPeriodicity'),
    conformsTo: all(datasetIri, DCT + 'conformsTo'),
    spatial: all(datasetIri, DCT + 'spatial'),
    temporal: all(datasetIri, DCT + 'temporal').map((p) => ({
      start: one(p, DCAT + 'startDate') ?? undefined,
      end: one(p, DCAT + 'endDate') ?? undefined,
    })),
    keywords: objs(datasetIri, DCAT + 'keyword').map((o) => ({ [o.termType === 'Literal' ? (o.language ?? '') : '']: o.value })),
    themes: all(datasetIri, DCAT + 'theme'),
    landingPage: one(datasetIri, DCAT + 'landingPage'),
    issued: one(datasetIri, DCT + 'issued'),
    modified: one(datasetIri, DCT + 'modified'),
    hvdCategories: all(datasetIri, DCATAP + 'hvdCategory'),
    applicableLegislation: all(datasetIri, DCATAP + 'applicableLegislation'),
  }
  const distributions: DistributionInfo[] = all(datasetIri, DCAT + 'distribution').map((d) => {
    const size = one(d, DCAT + 'byteSize')
    return {
      iri: d,
      datasetIri,
      title: text(d, DCT + 'title'),
      description: text(d, DCT + 'description'),
      accessUrl: one(d, DCAT + 'accessURL'),
      downloadUrl: one(d, DCAT + 'downloadURL'),
      format: one(d, DCT + 'format'),
      mediaType: one(d, DCAT + 'mediaType'),
      byteSize: size === null ? null : Number(size),
      license: one(d, DCT + 'license'),
      accessRights: one(d, DCT + 'accessRights'),
      conformsTo: all(d, DCT + 'conformsTo'),
      accessServiceIri: one(d, DCAT + 'accessService'),
      issued: one(d, DCT + 'issued'),
      modified: one(d, DCT + 'modified'),
      rights: one(d, DCT + 'rights'),
    }
  })
  const dataServices: DataServiceInfo[] = ofType(DCAT + 'DataService').map((s) => ({
    iri: s,
    title: text(s, DCT + 'title'),
    endpointUrls: all(s, DCAT + 'endpointURL'),
    endpointDescription: one(s, DCAT + 'endpointDescription'),
    license: one(s, DCT + 'license'),
    accessRights: one(s, DCT + 'accessRights'),
    conformsTo: all(s, DCT + 'conformsTo'),
    servesDatasets: all(s, DCAT + 'servesDataset'),
    hvdCategories: all(s, DCATAP + 'hvdCategory'),
  }))
  return { dataset, distributions, dataServices }
}
