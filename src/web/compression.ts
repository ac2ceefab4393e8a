import { promisify } from 'node:util'
import { brotliCompress, constants, gzip } from 'node:zlib'
import type { MiddlewareHandler } from 'hono'

const brotli = promisify(brotliCompress)
const gz = promisify(gzip)

/** Bodies smaller than this go as they are: compressing them saves less than the header costs. */
const MIN_BYTES = 1024
const COMPRESSIBLE = /^(text\/|application\/(json|xml|[\w.+-]+\+(json|xml))|image\/svg\+xml)/i

/** The encoding to answer in: brotli when the client takes it, else gzip, else none (q=0 refuses one). */
export function chooseEncoding(acceptEncoding: string | undefined): 'br' | 'gzip' | undefined {
  const accepted = new Map<string, number>()
  for (const part of (acceptEncoding ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';')
    if (!name) continue
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined)
    accepted.set(name, q === undefined ? 1 : Number(q))
  }
  const ok = (name: string) => (accepted.get(name) ?? (accepted.has('*') ? accepted.get('*')! : 0)) > 0
  if (ok('br')) return 'br'
  if (ok('gzip')) return 'gzip'
  return undefined
}

/**
 * Compresses text answers (HTML, JSON, CSV, SVG) of 1 KiB or more with brotli (quality 5:
 * most of the gain at a fraction of the time) or gzip, as the client's Accept-Encoding
 * allows, and says `Vary: Accept-Encoding`. A strong ETag becomes weak, since the bytes are
 * no longer the ones it was made from; the etag middleware matches either form.
 */
export function compression(): MiddlewareHandler {
  return async (c, next) => {
    await next()
    const res = c.res
    const type = res.headers.get('content-type') ?? ''
    if (!COMPRESSIBLE.test(type) || res.headers.has('content-encoding') || !res.body || c.req.method === 'HEAD') return
    res.headers.append('Vary', 'Accept-Encoding')
    const encoding = chooseEncoding(c.req.header('accept-encoding'))
    if (!encoding) return
    const body = Buffer.from(await res.clone().arrayBuffer())
    if (body.length < MIN_BYTES) return
    const packed =
      encoding === 'br'
        ? await brotli(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } })
        : await gz(body, { level: 6 })
    const headers = new Headers(res.headers)
    headers.set('Content-Encoding', encoding)
    headers.set('Content-Length', String(packed.length))
    const etag = headers.get('etag')
    if (etag && !etag.startsWith('W/')) headers.set('ETag', `W/${etag}`)
    await res.body.cancel()
    c.res = undefined as unknown as Response // replace, not merge, the headers
    c.res = new Response(packed, { status: res.status, statusText: res.statusText, headers })
  }
}
