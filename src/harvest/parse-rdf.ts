import { RdfXmlParser } from 'rdfxml-streaming-parser'
import { Parser as N3Parser } from 'n3'
import type { JsonLdDocument, Options as JsonLdOptions } from 'jsonld'
import iconv from 'iconv-lite'
import { HarvestError } from './harvest-error.js'
import { RdfGraph, type Obj } from './rdf-graph.js'

/** The RDF syntaxes datavakt reads. */
export type RdfSyntax = 'rdfxml' | 'turtle' | 'ntriples' | 'jsonld'

/**
 * Relative IRIs are resolved against this base first, so that afterwards they can be told
 * apart from absolute ones (and reported), then resolved against the document's URL.
 */
const RELATIVE_BASE = 'http://relative-iri.datavakt.invalid/'

/** One parsed RDF document: its graph, the syntax it was in, and its relative IRIs. */
export interface ParsedDocument {
  graph: RdfGraph
  syntax: RdfSyntax
  /** IRIs that were relative in the document, resolved against its URL, with the subject they occur on. */
  relativeIris: { subject: string; iri: string }[]
}

/**
 * Picks the syntax from the Content-Type, else from the first bytes. Refuses HTML and
 * anything else that is not RDF with HarvestError code 'not-rdf'.
 */
export function detectSyntax(contentType: string | null, text: string, url: string): RdfSyntax {
  const ct = (contentType ?? '').split(';')[0].trim().toLowerCase()
  if (ct === 'application/rdf+xml') return 'rdfxml'
  if (ct === 'text/turtle' || ct === 'application/x-turtle' || ct === 'text/n3') return 'turtle'
  if (ct === 'application/n-triples') return 'ntriples'
  if (ct === 'application/ld+json') return 'jsonld'
  const head = text.slice(0, 2048).replace(/^\uFEFF/, '').trimStart()
  if (/^<!doctype html|^<html[\s>]/i.test(head) || ct === 'text/html' || ct === 'application/xhtml+xml') {
    throw new HarvestError(`Not RDF: ${url} answered with an HTML page`, { url, code: 'not-rdf', position: 'line 1, column 1' })
  }
  if (head.startsWith('{') || head.startsWith('[')) return 'jsonld'
  if (/^<\?xml|^<!--|^<[A-Za-z_]/.test(head) || ct === 'application/xml' || ct === 'text/xml') return 'rdfxml'
  if (/^(@prefix|@base|prefix\s|base\s|<[a-z][a-z0-9+.-]*:|_:|#)/i.test(head)) return 'turtle'
  if (!head) throw new HarvestError(`Not RDF: ${url} answered with an empty body`, { url, code: 'not-rdf', position: 'byte 0' })
  throw new HarvestError(`Not RDF: cannot tell the syntax of ${url} (Content-Type ${contentType ?? 'none'})`, {
    url,
    code: 'not-rdf',
    position: 'line 1, column 1',
  })
}

/** The charset of the Content-Type or of the XML declaration, or null (then UTF-8). */
function charsetOf(body: Buffer, contentType: string | null): string | null {
  let charset = /charset\s*=\s*"?([\w.:-]+)/i.exec(contentType ?? '')?.[1]
  if (!charset) {
    const decl = /^\s*<\?xml[^>]*encoding\s*=\s*["']([\w.:-]+)["']/.exec(body.subarray(0, 200).toString('latin1'))
    charset = decl?.[1]
  }
  return charset && !/^utf-?8$/i.test(charset) && iconv.encodingExists(charset) ? charset : null
}

/**
 * Decodes the body: the charset of the Content-Type or of the XML declaration, else UTF-8.
 */
export function decodeBody(body: Buffer, contentType: string | null): string {
  const charset = charsetOf(body, contentType)
  if (charset) return iconv.decode(body, charset)
  return body.toString('utf8').replace(/^\uFEFF/, '')
}

/** Bytes decoded per piece when a body is read in pieces. */
const PIECE_BYTES = 64 * 1024

/**
 * The body decoded piece by piece (charset as decodeBody), so that a large document never
 * exists as one string: a 10 MB catalogue was a 10-20 MB string, alive for the whole parse.
 * A character split between two pieces is carried over by the decoder.
 */
function* decodePieces(body: Buffer, contentType: string | null): Generator<string> {
  const charset = charsetOf(body, contentType)
  // TextDecoder drops a leading BOM, as decodeBody does.
  const utf8 = charset ? null : new TextDecoder('utf-8')
  const other = charset ? iconv.getDecoder(charset) : null
  for (let i = 0; i < body.length; i += PIECE_BYTES) {
    const piece = body.subarray(i, i + PIECE_BYTES)
    const text = utf8 ? utf8.decode(piece, { stream: true }) : other!.write(piece)
    if (text) yield text
  }
  const rest = utf8 ? utf8.decode() : (other!.end() ?? '')
  if (rest) yield rest
}

/**
 * Refuses an XML document whose prolog holds a DOCTYPE (and so possibly ENTITY
 * declarations): external entities (XXE) and entity expansion are made impossible by
 * never letting a DTD reach the parser. `text` may be the document's beginning only;
 * returns true once the prolog has been read to its end (the root element starts), false
 * when `text` ends inside the prolog.
 */
export function refuseDoctype(text: string, url: string): boolean {
  let i = 0
  let line = 1
  const n = Math.min(text.length, 1_000_000)
  while (i < n) {
    const c = text[i]
    if (c === '\n') line++
    if (c === ' ' || c === '\t' || c === '\r' || c === '\n' || c === '\uFEFF') {
      i++
      continue
    }
    if (text.startsWith('<?', i)) {
      const end = text.indexOf('?>', i)
      if (end < 0) return false
      line += countLines(text, i, end)
      i = end + 2
      continue
    }
    if (text.startsWith('<!--', i)) {
      const end = text.indexOf('-->', i)
      if (end < 0) return false
      line += countLines(text, i, end)
      i = end + 3
      continue
    }
    if (text.startsWith('<!', i)) {
      throw new HarvestError(`Refused: ${url} declares a DOCTYPE or entities, which datavakt never reads (XXE and entity expansion)`, {
        url,
        code: 'doctype-refused',
        position: `line ${line}`,
      })
    }
    return true
  }
  return false
}

function countLines(text: string, from: number, to: number): number {
  let n = 0
  for (let j = from; j < to; j++) if (text.charCodeAt(j) === 10) n++
  return n
}

/**
 * Parses one RDF document (RDF/XML, Turtle, N-Triples or JSON-LD) into a graph, with the
 * libraries rdfxml-streaming-parser, n3 and jsonld. Refuses DOCTYPE/ENTITY declarations,
 * documents cut off half way (unclosed elements), JSON-LD that needs a remote @context
 * (nothing is fetched while parsing), and reports where in the document it failed.
 * RDF/XML is decoded and parsed piece by piece; the graph keeps no reference to the body
 * or its text, so they are garbage as soon as the caller drops the body.
 */
export async function parseRdf(
  body: Buffer,
  opts: { url: string; contentType: string | null; syntax?: RdfSyntax },
): Promise<ParsedDocument> {
  const syntax = opts.syntax ?? detectSyntax(opts.contentType, decodeHead(body, opts.contentType, 8192), opts.url)
  const graph = new RdfGraph()
  const relative: { subject: string; iri: string }[] = []
  const docUrl = opts.url
  const iri = (v: string): string => {
    if (v.startsWith(RELATIVE_BASE)) {
      const rel = v.slice(RELATIVE_BASE.length)
      let resolved = rel
      try {
        resolved = new URL(rel, docUrl).toString()
      } catch {
        // keep it as written; the reader warns about it
      }
      relative.push({ subject: '', iri: resolved })
      return resolved
    }
    return v
  }
  type Term = { termType: string; value: string; language?: string; datatype?: { value: string } }
  // Predicates, types, licences and the like repeat thousands of times: one copy each.
  const interned = new Map<string, string>()
  const intern = (v: string): string => {
    const known = interned.get(v)
    if (known !== undefined) return known
    const copy = own(v)
    if (interned.size < 100_000) interned.set(copy, copy)
    return copy
  }
  const obj = (t: Term): Obj => {
    if (t.termType === 'NamedNode') return { k: 'iri', v: own(iri(t.value)) }
    if (t.termType === 'BlankNode') return { k: 'bnode', v: own(t.value.startsWith('_:') ? t.value : `_:${t.value}`) }
    const dt = t.datatype?.value ?? null
    return {
      k: 'lit',
      v: own(t.value),
      lang: intern((t.language ?? '').toLowerCase()),
      dt: dt === null || dt === 'http://www.w3.org/2001/XMLSchema#string' ? null : intern(dt),
    }
  }
  const subj = (t: Term): string => own(t.termType === 'BlankNode' ? (t.value.startsWith('_:') ? t.value : `_:${t.value}`) : iri(t.value))
  const addQuad = (q: { subject: Term; predicate: Term; object: Term }) => {
    const mark = relative.length
    const s = subj(q.subject)
    graph.add(s, intern(q.predicate.value), obj(q.object))
    for (let i = mark; i < relative.length; i++) relative[i].subject = s
  }

  if (syntax === 'rdfxml') {
    await parseRdfXml(decodePieces(body, opts.contentType), opts.url, addQuad)
  } else {
    const text = decodeBody(body, opts.contentType)
    if (syntax === 'turtle' || syntax === 'ntriples') {
      try {
        const parser = new N3Parser({ baseIRI: RELATIVE_BASE, format: syntax === 'ntriples' ? 'N-Triples' : 'Turtle' })
        // The synchronous form: with a callback n3 tokenizes asynchronously.
        for (const quad of parser.parse(text)) addQuad(quad as unknown as { subject: Term; predicate: Term; object: Term })
      } catch (err) {
        const msg = (err as Error).message
        const line = /line (\d+)/i.exec(msg)?.[1]
        throw new HarvestError(`Not valid ${syntax === 'turtle' ? 'Turtle' : 'N-Triples'}: ${msg}`, {
          url: opts.url,
          code: 'parse-error',
          position: line ? `line ${line}` : null,
          cause: err,
        })
      }
    } else {
      let doc: unknown
      try {
        doc = JSON.parse(text)
      } catch (err) {
        const msg = (err as Error).message
        const m = /line (\d+) column (\d+)/.exec(msg)
        const pos = /position (\d+)/.exec(msg)?.[1]
        throw new HarvestError(`Not valid JSON-LD: ${msg}`, {
          url: opts.url,
          code: 'parse-error',
          position: m ? `line ${m[1]}, column ${m[2]}` : pos ? positionOf(text, Number(pos)) : null,
          cause: err,
        })
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
        } as JsonLdOptions.ToRdf)) as unknown as { subject: Term; predicate: Term; object: Term }[]
        for (const q of quads) addQuad(q)
      } catch (err) {
        const e = err as Error & { details?: { cause?: Error } }
        const why = e.details?.cause?.message ?? e.message
        throw new HarvestError(`Not valid JSON-LD: ${why}`, { url: opts.url, code: 'parse-error', cause: err })
      }
    }
  }
  if (graph.size === 0) {
    throw new HarvestError(`Not RDF: ${opts.url} holds no RDF statements`, { url: opts.url, code: 'not-rdf', position: 'byte 0' })
  }
  return { graph, syntax, relativeIris: relative }
}

/** The first `bytes` bytes of the body, decoded (a character cut at the end is replaced). */
function decodeHead(body: Buffer, contentType: string | null, bytes: number): string {
  return decodeBody(body.subarray(0, bytes), contentType)
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

/** "line L, column C" of a character offset. */
function positionOf(text: string, offset: number): string {
  let line = 1
  let last = -1
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) (line++, (last = i))
  return `line ${line}, column ${offset - last}`
}

/** Defined out here so that it closes over nothing. */
function ignore(): void {}

/** Resolves when `stream` takes writes again, or has failed (then no 'drain' ever comes). */
function drained(stream: NodeJS.EventEmitter): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      stream.off('drain', done)
      stream.off('error', done)
      stream.off('close', done)
      resolve()
    }
    stream.on('drain', done)
    stream.on('error', done)
    stream.on('close', done)
  })
}

/** The sax parser inside RdfXmlParser (not in its types), for its position and close(). */
interface SaxInside {
  saxParser: { close(): void; line: number }
}

/**
 * RdfXmlParser that refuses any DOCTYPE it meets. The library reads ENTITY declarations
 * out of a DOCTYPE and expands them; refuseDoctype stops a DOCTYPE in the document's first
 * piece, this one wherever it is.
 */
class NoDoctypeRdfXmlParser extends RdfXmlParser {
  doctypeLine: number | null = null
  protected override onDoctype(): void {
    this.doctypeLine = (this as unknown as SaxInside).saxParser.line
    throw new Error('DOCTYPE refused')
  }
}

/**
 * RDF/XML through rdfxml-streaming-parser, written to it piece by piece. The parser alone
 * accepts a document that stops half way (it never closes its XML tokenizer), so the
 * tokenizer is closed explicitly: an unclosed element then is an error with its line and
 * column.
 */
async function parseRdfXml(
  pieces: Iterable<string>,
  url: string,
  add: (q: { subject: never; predicate: never; object: never }) => void,
): Promise<void> {
  const parser = new NoDoctypeRdfXmlParser({ baseIRI: RELATIVE_BASE, trackPosition: true })
  let failure: Error | null = null
  parser.on('data', (q: unknown) => {
    if (!failure) add(q as never)
  })
  parser.on('error', (e: Error) => {
    failure ??= e
  })
  const ended = new Promise<void>((resolve) => {
    parser.on('end', () => resolve())
    parser.on('error', () => resolve())
  })
  try {
    // The prolog is checked before the parser sees any of it (a DOCTYPE is refused with
    // its line); it is held back until its end is seen, which is nearly always in the
    // first piece.
    let prolog: string | null = ''
    for (const piece of pieces) {
      if (failure) break
      let text = piece
      if (prolog !== null) {
        prolog += piece
        if (!refuseDoctype(prolog, url) && prolog.length < 1_000_000) continue
        text = prolog
        prolog = null
      }
      if (!parser.write(text)) await drained(parser)
    }
    if (prolog) refuseDoctype(prolog, url)
    if (prolog && !failure && !parser.write(prolog)) await drained(parser)
    if (!failure) {
      try {
        ;(parser as unknown as SaxInside).saxParser.close()
      } catch (e) {
        failure ??= e as Error
      }
    }
    parser.end()
    await ended
  } finally {
    // The parser can outlive this call (V8 kept it reachable from the stack until the next
    // harvest); its listeners share one closure context with `add`, so with them it held
    // the whole graph. An error it might still emit must not become an uncaught one.
    parser.removeAllListeners()
    parser.on('error', ignore)
  }
  if (parser.doctypeLine !== null) {
    throw new HarvestError(`Refused: ${url} declares a DOCTYPE or entities, which datavakt never reads (XXE and entity expansion)`, {
      url,
      code: 'doctype-refused',
      position: `line ${parser.doctypeLine}`,
    })
  }
  if (failure) {
    const msg = (failure as Error).message
    const sax = /^(\d+):(\d+): (.*)$/s.exec(msg)
    const own = /^Line (\d+) column (\d+): (.*)$/s.exec(msg)
    const m = sax ?? own
    const cutOff = /unclosed tag|unexpected end/i.test(msg)
    throw new HarvestError(
      cutOff ? `RDF/XML document ends before it is complete (cut off?): ${m ? m[3] : msg}` : `Not valid RDF/XML: ${m ? m[3] : msg}`,
      { url, code: cutOff ? 'truncated' : 'parse-error', position: m ? `line ${m[1]}, column ${m[2]}` : null, cause: failure },
    )
  }
}
