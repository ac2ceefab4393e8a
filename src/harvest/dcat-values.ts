import { createHash } from 'node:crypto'
import type { MessageParams } from '../domain/finding.js'
import type { HarvestWarningCode } from '../domain/harvest-warning.js'
import type { LangText } from '../domain/lang-text.js'
import type { RdfGraph } from './rdf-graph.js'

/**
 * The vocabulary and the value readers the DCAT reader (read-dcat-graph.ts,
 * read-dcat-distribution.ts) shares: namespaces, literals per language, IRIs, URLs (with
 * their warnings), blank-node values, synthetic identifiers.
 */

export const DCAT = 'http://www.w3.org/ns/dcat#'
export const DCT = 'http://purl.org/dc/terms/'
export const FOAF = 'http://xmlns.com/foaf/0.1/'
export const VCARD = 'http://www.w3.org/2006/vcard/ns#'
export const DCATAP = 'http://data.europa.eu/r5r/'
export const RDFS = 'http://www.w3.org/2000/01/rdf-schema#'
export const SKOS = 'http://www.w3.org/2004/02/skos/core#'
export const RDF_VALUE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#value'
/** Both forms are in use; http:// is the namespace, https:// a common slip. */
export const ORG = ['http://www.w3.org/ns/org#', 'https://www.w3.org/ns/org#']
export const HYDRA = ['http://www.w3.org/ns/hydra/core#', 'https://www.w3.org/ns/hydra/core#']
export const SCHEMA = ['http://schema.org/', 'https://schema.org/']

/** Records a warning about `subject`. */
export type Warn = (subject: string, code: HarvestWarningCode, params?: MessageParams) => void

/** Literal text per language: the first value of each language tag ('' = untagged). */
export function langText(g: RdfGraph, id: string, ...preds: string[]): LangText {
  const out: LangText = {}
  for (const o of g.objects(id, ...preds)) {
    if (o.k !== 'lit') continue
    if (out[o.lang] === undefined) out[o.lang] = o.v
  }
  return out
}

export function literal(g: RdfGraph, id: string, ...preds: string[]): string | null {
  for (const o of g.objects(id, ...preds)) if (o.k === 'lit') return o.v
  return null
}

export function firstIri(g: RdfGraph, id: string, ...preds: string[]): string | null {
  for (const o of g.objects(id, ...preds)) if (o.k === 'iri') return o.v
  return null
}

export function iris(g: RdfGraph, id: string, ...preds: string[]): string[] {
  return dedupe(g.objects(id, ...preds).filter((o) => o.k === 'iri').map((o) => o.v))
}

/** An IRI, a literal, or the identifier/label of a blank node. */
export function value(g: RdfGraph, id: string, ...preds: string[]): string | null {
  for (const o of g.objects(id, ...preds)) {
    if (o.k !== 'bnode') return o.v
    const v = bnodeValue(g, o.v)
    if (v) return v
  }
  return null
}

export function bnodeValue(g: RdfGraph, b: string): string | null {
  for (const o of g.objects(b, `${DCT}identifier`, `${RDFS}label`, `${SKOS}prefLabel`, RDF_VALUE)) {
    if (o.k !== 'bnode') return o.v
  }
  return null
}

/** URLs of (id, pred): IRIs, or literals that hold an absolute URL (with a warning). */
export function urls(g: RdfGraph, id: string, pred: string, subject: string, warn: Warn): string[] {
  const out: string[] = []
  const property = pred.slice(pred.lastIndexOf('#') + 1)
  for (const o of g.objects(id, pred)) {
    let v: string | null = null
    if (o.k === 'iri') v = o.v
    else if (o.k === 'lit') {
      const t = o.v.trim()
      if (/^[a-z][a-z0-9+.-]*:\/\//i.test(t)) {
        warn(subject, 'url-literal', { property, value: t.slice(0, 200) })
        v = t
      } else {
        warn(subject, 'url-not-absolute', { property, value: t.slice(0, 200) })
      }
    }
    if (!v) continue
    if (!/^https?:\/\//i.test(v)) warn(subject, 'url-not-http', { property, value: v.slice(0, 200) })
    out.push(v)
  }
  return dedupe(out)
}

export function shortHash(s: string): string {
  return createHash('sha256').update(s).digest('hex').slice(0, 16)
}

export function dedupe<T>(xs: T[]): T[] {
  return [...new Set(xs)]
}
