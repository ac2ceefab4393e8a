/**
 * The one decode path of the engine: which decompressor a Content-Encoding needs. Whole
 * bodies (`decodedBody`) and a probe's prefix (`inflatePrefix`) both get theirs here, so
 * the encodings understood, and how unknown ones pass through, cannot drift apart.
 */
import { pipeline, type Readable, type Transform } from 'node:stream'
import { createBrotliDecompress, createGunzip, createInflate, constants as zlibConstants } from 'node:zlib'

/** True when `encoding` (a Content-Encoding value) asks for decompression that we understand. */
export function isCompressed(encoding: string | null): boolean {
  return decoderFor(encoding, false) !== null
}

/**
 * A decompressor for gzip/x-gzip, deflate or br; null for identity, none or anything
 * unknown (the bytes pass as they are). `partial` flushes what a cut stream holds instead
 * of failing on the missing end: a probe reads only a prefix.
 */
function decoderFor(encoding: string | null, partial: boolean): Transform | null {
  const e = (encoding ?? '').toLowerCase().trim()
  if (e === 'gzip' || e === 'x-gzip') return createGunzip(partial ? { finishFlush: zlibConstants.Z_SYNC_FLUSH } : {})
  if (e === 'deflate') return createInflate(partial ? { finishFlush: zlibConstants.Z_SYNC_FLUSH } : {})
  if (e === 'br') return createBrotliDecompress(partial ? { finishFlush: zlibConstants.BROTLI_OPERATION_FLUSH } : {})
  return null
}

/** A decompressing view of a whole body (the body itself when nothing is to be undone). */
export function decodedBody(body: Readable, encoding: string | null): Readable {
  const z = decoderFor(encoding, false)
  if (!z) return body
  pipeline(body, z, () => undefined)
  return z
}

/** Inflates a (possibly cut) compressed prefix, stopping after `maxOut` bytes: a bomb stays small. */
export function inflatePrefix(buf: Uint8Array, encoding: string | null, maxOut: number): Promise<Uint8Array> {
  const z = decoderFor(encoding, true)
  if (!z) return Promise.resolve(buf)
  return new Promise((resolve) => {
    const out: Buffer[] = []
    let n = 0
    let done = false
    const end = () => {
      if (done) return
      done = true
      z.destroy()
      resolve(Buffer.concat(out).subarray(0, maxOut))
    }
    z.on('data', (c: Buffer) => {
      out.push(c)
      n += c.length
      if (n >= maxOut) end()
    })
    z.on('error', end)
    z.on('end', end)
    z.on('close', end)
    z.end(buf)
  })
}
