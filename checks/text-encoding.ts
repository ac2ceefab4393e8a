/**
 * Finds out how a text file is encoded, streaming: valid UTF-8 (with or without a byte
 * order mark), UTF-16 (by its BOM), or the usual failure for Swedish files — Windows-1252
 * or ISO-8859-1, where å ä ö are single bytes (0xE5 0xE4 0xF6). Only one chunk at a time
 * is held; the scan stops at the first invalid byte, which it locates by byte and line.
 */
import { isUtf8 } from 'node:buffer'
import iconv from 'iconv-lite'

export type TextEncodingName = 'utf-8' | 'windows-1252' | 'iso-8859-1' | 'utf-16le' | 'utf-16be' | 'unknown'

export interface TextEncodingReport {
  encoding: TextEncodingName
  /** A UTF-8 (or UTF-16) byte order mark was found at the start. */
  bom: boolean
  valid: boolean
  /** Where the first invalid byte is (0-based byte offset, 1-based line), when not valid. */
  invalidAt?: { byte: number; line: number }
  /** A few characters around the first invalid byte, decoded with the guessed encoding. */
  sample?: string
  bytes: number
}

/** Length of the incomplete UTF-8 sequence at the end of `b` (0 when it ends cleanly). */
function incompleteTail(b: Uint8Array): number {
  const n = b.length
  for (let k = 1; k <= 3 && k <= n; k++) {
    const c = b[n - k]!
    if ((c & 0xc0) === 0x80) continue // continuation byte: look further back
    const need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1
    return need > k ? k : 0
  }
  return 0
}

/** Offset of the first byte that breaks UTF-8 in `b` (assumed to contain one). */
function firstInvalid(b: Uint8Array): number {
  let i = 0
  while (i < b.length) {
    const c = b[i]!
    if (c < 0x80) {
      i++
      continue
    }
    const need = c >= 0xf0 && c <= 0xf4 ? 4 : c >= 0xe0 ? 3 : c >= 0xc2 && c < 0xe0 ? 2 : 0
    if (need === 0 || i + need > b.length) return i
    for (let k = 1; k < need; k++) if ((b[i + k]! & 0xc0) !== 0x80) return i
    if (!isUtf8(b.subarray(i, i + need))) return i
    i += need
  }
  return b.length
}

function countLines(b: Uint8Array, end = b.length): number {
  let n = 0
  const buf = Buffer.from(b.buffer, b.byteOffset, Math.min(end, b.length))
  let at = buf.indexOf(10)
  while (at !== -1) {
    n++
    at = buf.indexOf(10, at + 1)
  }
  return n
}

/**
 * Classifies single-byte text: bytes 0x80–0x9F are printable only in Windows-1252
 * (€, „, …), so their presence decides between it and ISO-8859-1. Files from Excel on
 * Windows are Windows-1252 in practice; ISO-8859-1 decodes the same letters.
 */
function classifySingleByte(b: Uint8Array): TextEncodingName {
  let high = 0
  let c1 = 0
  for (let i = 0; i < b.length; i++) {
    const c = b[i]!
    if (c >= 0x80) {
      high++
      if (c < 0xa0) c1++
    }
  }
  if (high === 0) return 'unknown'
  return c1 > 0 ? 'windows-1252' : 'iso-8859-1'
}

/** Scans a byte stream (see module comment). Throws only when the stream itself fails. */
export async function detectTextEncoding(source: AsyncIterable<Uint8Array>): Promise<TextEncodingReport> {
  let bytes = 0
  let lines = 0
  let carry: Uint8Array = new Uint8Array(0)
  let first = true
  let bom = false
  const iterator = source[Symbol.asyncIterator]()
  try {
    for (;;) {
      const r = await iterator.next()
      if (r.done) break
      let chunk: Uint8Array = r.value
      const chunkStart = bytes - carry.length
      bytes += chunk.length
      if (carry.length) chunk = Buffer.concat([carry, chunk])
      if (first) {
        first = false
        if (chunk[0] === 0xff && chunk[1] === 0xfe) return { encoding: 'utf-16le', bom: true, valid: false, invalidAt: { byte: 0, line: 1 }, bytes }
        if (chunk[0] === 0xfe && chunk[1] === 0xff) return { encoding: 'utf-16be', bom: true, valid: false, invalidAt: { byte: 0, line: 1 }, bytes }
        bom = chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf
      }
      const tail = incompleteTail(chunk)
      const body = tail ? chunk.subarray(0, chunk.length - tail) : chunk
      carry = tail ? chunk.slice(chunk.length - tail) : new Uint8Array(0)
      if (isUtf8(body)) {
        lines += countLines(body)
        continue
      }
      const at = firstInvalid(body)
      const encoding = classifySingleByte(body)
      const from = Math.max(0, at - 20)
      const sample = iconv.decode(Buffer.from(body.subarray(from, at + 20)), encoding === 'iso-8859-1' ? 'latin1' : 'win1252').replace(/[\r\n]+/g, ' ')
      return { encoding, bom, valid: false, invalidAt: { byte: chunkStart + at, line: lines + countLines(body, at) + 1 }, sample, bytes }
    }
  } finally {
    await iterator.return?.()
  }
  // A sequence cut at the very end is most likely our own byte cap cutting a character,
  // not a broken file: it is not reported.
  return { encoding: 'utf-8', bom, valid: true, bytes }
}

/**
 * The encoding to decode a file with, judged from its first bytes only (cheap, for the
 * parsers): windows-1252 when the head is not UTF-8 but looks single-byte, else utf-8.
 */
export function guessDecodingFromHead(head: Uint8Array): 'utf-8' | 'windows-1252' {
  const tail = incompleteTail(head)
  const body = tail ? head.subarray(0, head.length - tail) : head
  if (isUtf8(body)) return 'utf-8'
  return classifySingleByte(body) === 'unknown' ? 'utf-8' : 'windows-1252'
}
