import { describe, expect, it } from 'vitest'
import iconv from 'iconv-lite'
import { parseRdf } from '../../src/harvest/parse-rdf.js'
import { HarvestError } from '../../src/harvest/harvest-error.js'

const NS = `xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:dct="http://purl.org/dc/terms/" xmlns:dcat="http://www.w3.org/ns/dcat#"`
const TITLE = 'http://purl.org/dc/terms/title'

function doc(title: string, encoding = 'UTF-8', prolog = ''): string {
  return `<?xml version="1.0" encoding="${encoding}"?>\n${prolog}<rdf:RDF ${NS}>
  <dcat:Dataset rdf:about="http://x.test/d"><dct:title xml:lang="sv">${title}</dct:title></dcat:Dataset>
</rdf:RDF>\n`
}

async function titleOf(body: Buffer, contentType = 'application/rdf+xml'): Promise<string> {
  const parsed = await parseRdf(body, { url: 'http://127.0.0.1/catalog.rdf', contentType })
  const [t] = parsed.graph.objects('http://x.test/d', TITLE)
  return t.v
}

// RDF/XML is decoded in pieces of 64 KiB; these prove that the pieces join up exactly.
describe('RDF/XML read in pieces', () => {
  it('keeps characters that a piece boundary cuts in two (UTF-8)', async () => {
    // '€' is 3 bytes and 65,536 is not a multiple of 3, so over 300 KB some boundary falls
    // inside a character; 'å' (2 bytes) after a 1-byte offset does the same for 2 bytes.
    const title = `${'€'.repeat(100_000)}x${'å'.repeat(100_000)}`
    expect(await titleOf(Buffer.from(doc(title)))).toBe(title)
  })

  it('decodes a declared ISO-8859-1 document, and a BOM before the declaration is dropped', async () => {
    const title = `Åäö ${'åäö'.repeat(50_000)}`
    expect(await titleOf(iconv.encode(doc(title, 'ISO-8859-1'), 'latin1'))).toBe(title)
    expect(await titleOf(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(doc('bom'))]))).toBe('bom')
  })

  it('refuses a DOCTYPE however far into the document it comes (after a 1.2 MB comment)', async () => {
    const prolog = `<!-- ${'x'.repeat(1_200_000)} -->\n<!DOCTYPE rdf:RDF [ <!ENTITY lol "lol"> ]>\n`
    const err = await parseRdf(Buffer.from(doc('&lol;', 'UTF-8', prolog)), { url: 'http://127.0.0.1/c.rdf', contentType: 'application/rdf+xml' }).catch(
      (e: unknown) => e,
    )
    expect(err).toBeInstanceOf(HarvestError)
    expect((err as HarvestError).reason).toBe('doctype-refused')
    expect((err as HarvestError).params.line).toBe(3)
  })

  it('reads a document whose prolog spans several pieces', async () => {
    const prolog = `<!-- ${'y'.repeat(200_000)} -->\n<?pi ${'z'.repeat(100_000)}?>\n`
    expect(await titleOf(Buffer.from(doc('långt förspel', 'UTF-8', prolog)))).toBe('långt förspel')
  })
})
