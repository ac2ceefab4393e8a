import { EventEmitter } from 'node:events'
import { Parser as N3Parser } from 'n3'
import type { JsonLdDocument, Options as JsonLdOptions } from 'jsonld'
import { decodeBody, decodeHead, decodePieces } from './decode-body.js'
import { HarvestError } from './harvest-error.js'
import { parseRdfXml } from './parse-rdf-xml.js'
import { RdfGraph, type Obj } from './rdf-graph.js'
import { RELATIVE_BASE } from './relative-iri.js'

/** The RDF syntaxes datavakt reads. */
export type RdfSyntax = 'rdfxml' | 'turtle' | 'ntriples' | 'jsonld'

/** One parsed RDF document: its graph, the syntax it was in, and its relative IRIs. */
export interface ParsedDocument {
  graph: RdfGraph
  syntax: RdfSyntax
  /** IRIs that were relative in the document, resolved against its URL, with the subject they occur on. */
  relativeIris: { subject: string; iri: string }[]
}

/** An RDF term as the parsing libraries hand it out. */
type Term = { termType: string; value: string; language?: string; datatype?: { value: string } }
/** A statement as the parsing libraries hand it out. */
type Quad = { subject: Term; predicate: Term; object: Term }

/**
 * Picks the syntax from the Content-Type, else from the first bytes. Refuses HTML
 * ('html-page'), an empty body ('empty-body') and anything else that is not RDF ('not-rdf').
 */
export function detectSyntax(contentType: string | null, text: string, url: string): RdfSyntax {
  const ct = (contentType ?? '').split(';')[0].trim().toLowerCase()
  const head = text.slice(0, 2048).replace(/^\uFEFF/, '').trimStart()
  // An HTML page is not RDF whatever the Content-Type claims: said first, so an error page
  // served as application/rdf+xml is not reported as a DOCTYPE (XXE) attempt.
  if (/^<!doctype html|^<html[\s>]/i.test(head) || ct === 'text/html' || ct === 'application/xhtml+xml') {
    throw new HarvestError('html-page', { url, line: 1, column: 1 })
  }
  if (ct === 'application/rdf+xml') return 'rdfxml'
  if (ct === 'text/turtle' || ct === 'application/x-turtle' || ct === 'text/n3') return 'turtle'
  if (ct === 'application/n-triples') return 'ntriples'
  if (ct === 'application/ld+json') return 'jsonld'
  if (head.startsWith('{') || head.startsWith('[')) return 'jsonld'
  if (/^<\?xml|^<!--|^<[A-Za-z_]/.test(head) || ct === 'application/xml' || ct === 'text/xml') return 'rdfxml'
  if (/^(@prefix|@base|prefix\s|base\s|<[a-z][a-z0-9+.-]*:|_:|#)/i.test(head)) return 'turtle'
  if (!head) throw new HarvestError('empty-body', { url, byte: 0 })
  throw new HarvestError('not-rdf', { url, contentType, line: 1, column: 1 })
}

/**
 * Parses one RDF document (RDF/XML, Turtle, N-Triples or JSON-LD) into a graph, with the
 * libraries rdfxml-streaming-parser, n3 and jsonld. Refuses DOCTYPE/ENTITY declarations,
 * documents cut off half way (unclosed elements), JSON-LD that needs a remote @context
 * (nothing is fetched while parsing), and reports where in the document it failed.
 * RDF/XML, Turtle and N-Triples are decoded and parsed piece by piece; the graph keeps no
 * reference to the body or its text, so they are garbage as soon as the caller drops the body.
 */
export async function parseRdf(body: Buffer, opts: { url: string; contentType: string | null; syntax?: RdfSyntax }): Promise<ParsedDocument> {
  const syntax = opts.syntax ?? detectSyntax(opts.contentType, decodeHead(body, opts.contentType, 8192), opts.url)
  const sink = new GraphSink(opts.url)
  const add = (q: Quad) => sink.add(q)
  if (syntax === 'rdfxml') await parseRdfXml(decodePieces(body, opts.contentType), opts.url, add as never)
  else if (syntax === 'jsonld') await parseJsonLd(decodeBody(body, opts.contentType), opts.url, add)
  else await parseN3(decodePieces(body, opts.contentType), syntax, opts.url, add)
  if (sink.graph.size === 0) throw new HarvestError('no-statements', { url: opts.url, byte: 0 })
  return { graph: sink.graph, syntax, relativeIris: sink.relative }
}

/**
 * Collects statements into a graph: relative IRIs resolved against the document's URL (and
 * noted with their subject), every kept string an own copy (see `own`), and predicates,
 * language tags and datatypes interned.
 */
class GraphSink {
  readonly graph = new RdfGraph()
  readonly relative: { subject: string; iri: string }[] = []
  /** Predicates, types, licences and the like repeat thousands of times: one copy each. */
  private readonly interned = new Map<string, string>()

  constructor(private readonly docUrl: string) {}

  add(q: Quad): void {
    const mark = this.relative.length
    const s = this.subject(q.subject)
    this.graph.add(s, this.intern(q.predicate.value), this.object(q.object))
    for (let i = mark; i < this.relative.length; i++) this.relative[i].subject = s
  }

  private iri(v: string): string {
    if (!v.startsWith(RELATIVE_BASE)) return v
    const rel = v.slice(RELATIVE_BASE.length)
    let resolved = rel
    try {
      resolved = new URL(rel, this.docUrl).toString()
    } catch {
      // kept as written; the reader warns about it
    }
    this.relative.push({ subject: '', iri: resolved })
    return resolved
  }

  private intern(v: string): string {
    const known = this.interned.get(v)
    if (known !== undefined) return known
    const copy = own(v)
    if (this.interned.size < 100_000) this.interned.set(copy, copy)
    return copy
  }

  private object(t: Term): Obj {
    if (t.termType === 'NamedNode') return { k: 'iri', v: own(this.iri(t.value)) }
    if (t.termType === 'BlankNode') return { k: 'bnode', v: own(t.value.startsWith('_:') ? t.value : `_:${t.value}`) }
    const dt = t.datatype?.value ?? null
    return {
      k: 'lit',
      v: own(t.value),
      lang: this.intern((t.language ?? '').toLowerCase()),
      dt: dt === null || dt === 'http://www.w3.org/2001/XMLSchema#string' ? null : this.intern(dt),
    }
  }

  private subject(t: Term): string {
    return own(t.termType === 'BlankNode' ? (t.value.startsWith('_:') ? t.value : `_:${t.value}`) : this.iri(t.value))
  }
}

/**
 * Turtle or N-Triples through n3, streaming: the decoded pieces go to n3's tokenizer one at
 * a time (it keeps only what it has not consumed), and each statement goes to the graph as
 * it is read. So neither the document's text as one string nor an array of every statement
 * exists: a 191 MB Turtle file took 1.89 GB that way. Between pieces the event loop runs.
 */
async function parseN3(pieces: Iterable<string>, syntax: 'turtle' | 'ntriples', url: string, add: (q: Quad) => void): Promise<void> {
  const name = syntax === 'turtle' ? 'Turtle' : 'N-Triples'
  const input = new EventEmitter()
  let failure: Error | null = null
  new N3Parser({ baseIRI: RELATIVE_BASE, format: name }).parse(input as never, (err: Error | null | undefined, quad: unknown) => {
    if (failure) return
    if (err) failure = err
    else if (quad) add(quad as Quad)
  })
  for (const piece of pieces) {
    if (failure) break
    input.emit('data', piece)
    await new Promise((resolve) => setImmediate(resolve))
  }
  if (!failure) input.emit('end')
  input.removeAllListeners()
  if (failure) {
    const detail = (failure as Error).message
    const line = /line (\d+)/i.exec(detail)?.[1]
    throw new HarvestError('parse-error', { url, syntax: name, line: line ? Number(line) : undefined, detail }, { cause: failure })
  }
}

/** JSON-LD through jsonld, with no remote @context loaded. */
async function parseJsonLd(text: string, url: string, add: (q: Quad) => void): Promise<void> {
  let doc: unknown
  try {
    doc = JSON.parse(text)
  } catch (err) {
    const detail = (err as Error).message
    const m = /line (\d+) column (\d+)/.exec(detail)
    const pos = /position (\d+)/.exec(detail)?.[1]
    const where = m ? { line: Number(m[1]), column: Number(m[2]) } : pos ? positionOf(text, Number(pos)) : {}
    throw new HarvestError('parse-error', { url, syntax: 'JSON-LD', ...where, detail }, { cause: err })
  }
  try {
    // Loaded on first use: few catalogues are JSON-LD, and the library is ~2.5 MB of
    // heap (3-7 MB of RSS) in every process that can harvest.
    const { default: jsonld } = await import('jsonld')
    const quads = (await jsonld.toRDF(doc as JsonLdDocument, {
      base: RELATIVE_BASE,
      documentLoader: async (u: string) => {
        throw new Error(`remote @context ${u} is not loaded (datavakt fetches nothing while parsing)`)
      },
    } as JsonLdOptions.ToRdf)) as unknown as Quad[]
    for (const q of quads) add(q)
  } catch (err) {
    const e = err as Error & { details?: { cause?: Error } }
    throw new HarvestError('parse-error', { url, syntax: 'JSON-LD', detail: e.details?.cause?.message ?? e.message }, { cause: err })
  }
}

/**
 * A copy of `s` that shares no memory with the string it was cut from. Parsers hand out
 * values as slices of the piece of input they were read from; a slice keeps its whole
 * piece alive, so a few titles kept in the model held the document's text (10 MB for a
 * 5,000-dataset catalogue) until the harvest ended. A property key is internalised, which
 * copies it once and shares the copy between equal values; V8 copies strings shorter than
 * 13 characters instead of slicing them.
 */
function own(s: string): string {
  if (s.length < 13) return s
  internTable[s] = 0
  let copy = s
  for (const k in internTable) copy = k
  delete internTable[s]
  return copy
}

/** Always empty between calls of own(); a dictionary object, so its keys make no hidden classes. */
const internTable: Record<string, 0> = Object.create(null) as Record<string, 0>

/** Line and column of a character offset. */
function positionOf(text: string, offset: number): { line: number; column: number } {
  let line = 1
  let last = -1
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) (line++, (last = i))
  return { line, column: offset - last }
}
