import iconv from 'iconv-lite'

/**
 * The one decode path of catalogue documents: the charset of the Content-Type or of the
 * XML declaration, else UTF-8 (a BOM dropped). Whole (decodeBody), or piece by piece
 * (decodePieces) so that a large document never exists as one string.
 */

/** The charset of the Content-Type or of the XML declaration, or null (then UTF-8). */
function charsetOf(body: Buffer, contentType: string | null): string | null {
  let charset = /charset\s*=\s*"?([\w.:-]+)/i.exec(contentType ?? '')?.[1]
  if (!charset) {
    const decl = /^\s*<\?xml[^>]*encoding\s*=\s*["']([\w.:-]+)["']/.exec(body.subarray(0, 200).toString('latin1'))
    charset = decl?.[1]
  }
  return charset && !/^utf-?8$/i.test(charset) && iconv.encodingExists(charset) ? charset : null
}

/** Decodes the body: the charset of the Content-Type or of the XML declaration, else UTF-8. */
export function decodeBody(body: Buffer, contentType: string | null): string {
  const charset = charsetOf(body, contentType)
  if (charset) return iconv.decode(body, charset)
  return body.toString('utf8').replace(/^\uFEFF/, '')
}

/** The first `bytes` bytes of the body, decoded (a character cut at the end is replaced). */
export function decodeHead(body: Buffer, contentType: string | null, bytes: number): string {
  return decodeBody(body.subarray(0, bytes), contentType)
}

/** Bytes decoded per piece when a body is read in pieces. */
const PIECE_BYTES = 64 * 1024

/**
 * The body decoded piece by piece (charset as decodeBody), so that a large document never
 * exists as one string: a 10 MB catalogue was a 10-20 MB string, alive for the whole parse.
 * A character split between two pieces is carried over by the decoder.
 */
export function* decodePieces(body: Buffer, contentType: string | null): Generator<string> {
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
