import { RdfXmlParser } from 'rdfxml-streaming-parser'
import { HarvestError } from './harvest-error.js'
import { RELATIVE_BASE } from './relative-iri.js'

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
    const close = text.startsWith('<?', i) ? '?>' : text.startsWith('<!--', i) ? '-->' : null
    if (close) {
      const end = text.indexOf(close, i)
      if (end < 0) return false
      line += countLines(text, i, end)
      i = end + close.length
      continue
    }
    if (text.startsWith('<!', i)) throw new HarvestError('doctype-refused', { url, line })
    return true
  }
  return false
}

function countLines(text: string, from: number, to: number): number {
  let n = 0
  for (let j = from; j < to; j++) if (text.charCodeAt(j) === 10) n++
  return n
}

/** Defined out here so that it closes over nothing. */
function ignore(): void {}

/** Resolves when `stream` takes writes again, or has failed (then no 'drain' ever comes). */
export function drained(stream: NodeJS.EventEmitter): Promise<void> {
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
export async function parseRdfXml(pieces: Iterable<string>, url: string, add: (q: { subject: never; predicate: never; object: never }) => void): Promise<void> {
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
    failure = await writePieces(parser, pieces, url, () => failure)
    parser.end()
    await ended
  } finally {
    // The parser can outlive this call (V8 kept it reachable from the stack until the next
    // harvest); its listeners share one closure context with `add`, so with them it held
    // the whole graph. An error it might still emit must not become an uncaught one.
    parser.removeAllListeners()
    parser.on('error', ignore)
  }
  if (parser.doctypeLine !== null) throw new HarvestError('doctype-refused', { url, line: parser.doctypeLine })
  if (failure) throw xmlFailure(failure, url)
}

/**
 * Writes the pieces to the parser, then closes its tokenizer. The prolog is checked before
 * the parser sees any of it (a DOCTYPE is refused with its line); it is held back until its
 * end is seen, which is nearly always in the first piece. Returns the parser's failure.
 */
async function writePieces(parser: NoDoctypeRdfXmlParser, pieces: Iterable<string>, url: string, failed: () => Error | null): Promise<Error | null> {
  let prolog: string | null = ''
  for (const piece of pieces) {
    if (failed()) break
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
  if (prolog && !failed() && !parser.write(prolog)) await drained(parser)
  if (failed()) return failed()
  try {
    ;(parser as unknown as SaxInside).saxParser.close()
  } catch (e) {
    return failed() ?? (e as Error)
  }
  return failed()
}

/** The HarvestError for the parser's error: cut off ('truncated') or not valid ('parse-error'), with where. */
function xmlFailure(failure: Error, url: string): HarvestError {
  const msg = failure.message
  const m = /^(\d+):(\d+): (.*)$/s.exec(msg) ?? /^Line (\d+) column (\d+): (.*)$/s.exec(msg)
  const cutOff = /unclosed tag|unexpected end/i.test(msg)
  const where = m ? { line: Number(m[1]), column: Number(m[2]) } : {}
  return new HarvestError(cutOff ? 'truncated' : 'parse-error', { url, syntax: 'RDF/XML', ...where, detail: m ? m[3] : msg }, { cause: failure })
}
