import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { brotliCompressSync, gzipSync } from 'node:zlib'
import type { ServerResponse } from 'node:http'
import { defaultConfig, type HttpConfig } from '../../src/config/config.js'
import { createFetchEngine, type CreatedFetchEngine } from '../../src/fetch/create-fetch-engine.js'
import { FetchBodyError } from '../../src/fetch/fetch-engine.js'
import { startServer, type LoopbackServer } from './loopback-server.js'

const http: HttpConfig = { ...defaultConfig.http, perHostGapMs: 0, headersTimeoutMs: 2_000, bodyTimeoutMs: 2_000, probeBytes: 65_536 }
const csv = 'kod,namn\n1480,Göteborg\n1490,Borås\n'
// 64 MiB of zeros gzips to ~64 KiB; gzip members may be concatenated, so repeating it
// makes a bomb of any size: 1600 members ≈ 100 GiB inflated from ≈ 100 MiB on the wire.
const member = gzipSync(Buffer.alloc(64 * 1024 * 1024))
const BOMB_MEMBERS = 1600

/** Writes `next()` chunks lazily (respecting backpressure) until it returns null; counts bytes sent. */
function stream(res: ServerResponse, next: () => Buffer | null, sent: { bytes: number; closedEarly: boolean }) {
  const pump = () => {
    for (;;) {
      const chunk = next()
      if (!chunk) return void res.end()
      sent.bytes += chunk.length
      if (!res.write(chunk)) return void res.once('drain', pump)
    }
  }
  res.on('close', () => {
    if (!res.writableFinished) sent.closedEarly = true
  })
  pump()
}

const huge = { bytes: 0, closedEarly: false }
/** The client ports the /range-exact requests came from: one port, one connection. */
const exactPorts = new Set<number>()
const bomb = { bytes: 0, closedEarly: false }
let server: LoopbackServer
let engine: CreatedFetchEngine

beforeAll(async () => {
  server = await startServer((req, res) => {
    const path = req.url ?? ''
    if (path === '/huge') {
      // Ignores Range; 5 GB promised, produced lazily.
      res.writeHead(200, { 'content-type': 'text/csv', 'content-length': String(5 * 1024 ** 3) })
      const block = Buffer.alloc(65_536, 'x')
      let left = (5 * 1024 ** 3) / block.length
      return stream(res, () => (left-- > 0 ? block : null), huge)
    }
    if (path === '/endless-chunked') {
      res.writeHead(200, { 'content-type': 'text/csv' })
      const block = Buffer.alloc(16_384, 'y')
      return stream(res, () => block, { bytes: 0, closedEarly: false })
    }
    if (path.startsWith('/range-exact')) {
      // Honours Range: exactly the 64 KiB asked for, with its length declared.
      exactPorts.add(req.socket.remotePort!)
      const body = Buffer.alloc(65_536, 'r')
      return void res.writeHead(206, { 'content-type': 'text/csv', 'content-length': '65536', 'content-range': 'bytes 0-65535/1000000' }).end(body)
    }
    if (path === '/small-no-range') return void res.writeHead(200, { 'content-length': '500' }).end(Buffer.alloc(500, 'z'))
    if (path === '/always-416') {
      if (req.headers.range) return void res.writeHead(416).end()
      return void res.writeHead(200, { 'content-type': 'text/csv' }).end(csv)
    }
    if (path === '/bomb') {
      let left = BOMB_MEMBERS
      res.writeHead(200, { 'content-type': 'text/csv', 'content-encoding': 'gzip' })
      return stream(res, () => (left-- > 0 ? member : null), bomb)
    }
    if (path === '/csv') return void res.writeHead(200, { 'content-type': 'text/csv', etag: '"e1"', 'last-modified': 'Mon, 02 Nov 2026 10:00:00 GMT' }).end(csv)
    if (path === '/csv-gzip') return void res.writeHead(200, { 'content-encoding': 'gzip' }).end(gzipSync(csv))
    if (path === '/csv-br') return void res.writeHead(200, { 'content-encoding': 'br' }).end(brotliCompressSync(csv))
    if (path === '/moved') return void res.writeHead(301, { location: '/csv' }).end()
    if (path === '/cond') {
      if (req.headers['if-none-match'] === '"e1"') return void res.writeHead(304).end()
      return void res.writeHead(200, { etag: '"e1"' }).end(csv)
    }
    if (path === '/cut') {
      res.writeHead(200, { 'content-length': '100000' })
      res.write(Buffer.alloc(1000, 'c'))
      return void setTimeout(() => req.socket.destroy(), 20)
    }
    if (path === '/catalogue.rdf') return void res.writeHead(200, { 'content-type': 'application/rdf+xml' }).end('<rdf:RDF/>')
    res.writeHead(404, { 'content-type': 'text/plain' }).end('saknas')
  })
  engine = createFetchEngine(http, { allowPrivateNetworks: true })
})
afterAll(async () => {
  await engine.close()
  await server.close()
})

async function readAll(body: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const chunks: Uint8Array[] = []
  for await (const c of body) chunks.push(c)
  return Buffer.concat(chunks)
}

describe('probe reads a prefix and lets go', () => {
  it('a server that ignores Range and sends 5 GB: ok after 64 KiB, connection closed', async () => {
    const r = await engine.probe(server.url + '/huge')
    expect({ code: r.code, httpStatus: r.httpStatus, bytesRead: r.bytesRead, contentLength: r.contentLength }).toEqual({
      code: 'ok',
      httpStatus: 200,
      bytesRead: 65_536,
      contentLength: 5 * 1024 ** 3,
    })
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(huge.closedEarly).toBe(true)
    expect(huge.bytes).toBeLessThan(32 * 1024 * 1024) // socket buffers, not gigabytes
  })

  it('an endless chunked body is read up to the cap', async () => {
    const r = await engine.probe(server.url + '/endless-chunked')
    expect({ code: r.code, bytesRead: r.bytesRead }).toEqual({ code: 'ok', bytesRead: 65_536 })
  })

  it('a 206 of exactly the 64 KiB asked for is read to its end, so the connection serves the next probe', async () => {
    const e = createFetchEngine({ ...http, perHostConnections: 1 }, { allowPrivateNetworks: true })
    try {
      for (let i = 0; i < 3; i++) {
        const r = await e.probe(`${server.url}/range-exact/${i}`)
        expect({ code: r.code, httpStatus: r.httpStatus, bytesRead: r.bytesRead, contentLength: r.contentLength }).toEqual({
          code: 'ok',
          httpStatus: 206,
          bytesRead: 65_536,
          contentLength: 1_000_000,
        })
      }
      expect(exactPorts.size).toBe(1)
    } finally {
      await e.close()
    }
  })

  it('a 200 with the whole (small) body is ok', async () => {
    const r = await engine.probe(server.url + '/small-no-range')
    expect({ code: r.code, bytesRead: r.bytesRead, contentLength: r.contentLength }).toEqual({ code: 'ok', bytesRead: 500, contentLength: 500 })
  })

  it('a server that answers every Range with 416 is asked again without Range', async () => {
    const before = server.requests.length
    const r = await engine.probe(server.url + '/always-416')
    expect({ code: r.code, httpStatus: r.httpStatus }).toEqual({ code: 'ok', httpStatus: 200 })
    const seen = server.requests.slice(before)
    expect(seen.map((q) => q.headers.range ?? null)).toEqual(['bytes=0-65535', null])
  })

  it('a gzip bomb is ok for the probe and costs it at most the prefix', async () => {
    const r = await engine.probe(server.url + '/bomb')
    expect(r.code).toBe('ok')
    expect(r.bytesRead).toBeLessThanOrEqual(65_536)
  })
})

describe('fetchBody', () => {
  it('delivers the whole body with its headers', async () => {
    const b = await engine.fetchBody(server.url + '/csv', { maxBytes: 1_000_000 })
    expect(b).toMatchObject({ status: 200, notModified: false, contentType: 'text/csv', etag: '"e1"', lastModified: 'Mon, 02 Nov 2026 10:00:00 GMT' })
    expect((await readAll(b.body)).toString()).toBe(csv)
    expect(b.bytesRead()).toBe(Buffer.byteLength(csv))
    expect(b.truncatedAtCap()).toBe(false)
  })

  it('decompresses gzip and br, and follows redirects', async () => {
    for (const p of ['/csv-gzip', '/csv-br']) {
      const b = await engine.fetchBody(server.url + p, { maxBytes: 1_000_000 })
      expect((await readAll(b.body)).toString()).toBe(csv)
    }
    const moved = await engine.fetchBody(server.url + '/moved', { maxBytes: 1_000_000 })
    expect(moved.finalUrl).toBe(server.url + '/csv')
    expect((await readAll(moved.body)).toString()).toBe(csv)
  })

  it('caps a gzip bomb at maxBytes of decompressed data and stops the download', async () => {
    bomb.bytes = 0
    bomb.closedEarly = false
    const rssBefore = process.memoryUsage().rss
    const b = await engine.fetchBody(server.url + '/bomb', { maxBytes: 50 * 1024 * 1024 })
    let n = 0
    for await (const c of b.body) n += c.length // consumed, not kept
    expect(n).toBe(50 * 1024 * 1024)
    expect(b.bytesRead()).toBe(50 * 1024 * 1024)
    expect(b.truncatedAtCap()).toBe(true)
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(bomb.closedEarly).toBe(true)
    expect(bomb.bytes).toBeLessThan((BOMB_MEMBERS * member.length) / 10)
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(200 * 1024 * 1024)
  })

  it('the http.maxDecompressedBytes cap applies even when maxBytes is larger', async () => {
    const capped = createFetchEngine({ ...http, maxDecompressedBytes: 1_000_000 }, { allowPrivateNetworks: true })
    try {
      const b = await capped.fetchBody(server.url + '/bomb', { maxBytes: 1e12 })
      let n = 0
      for await (const c of b.body) n += c.length
      expect(n).toBe(1_000_000)
      expect(b.truncatedAtCap()).toBe(true)
    } finally {
      await capped.close()
    }
  })

  it('a conditional request answered 304 is notModified with no body', async () => {
    const b = await engine.fetchBody(server.url + '/cond', { maxBytes: 1000, conditional: { etag: '"e1"' } })
    expect({ status: b.status, notModified: b.notModified }).toEqual({ status: 304, notModified: true })
    expect((await readAll(b.body)).length).toBe(0)
  })

  it('throws FetchBodyError with the probe code when there is no body to have', async () => {
    await expect(engine.fetchBody(server.url + '/nope', { maxBytes: 1000 })).rejects.toSatisfy(
      (e: unknown) => e instanceof FetchBodyError && e.code === 'fetch.no-body' && e.probeCode === 'http-404' && e.status === 404,
    )
    const b = await engine.fetchBody(server.url + '/cut', { maxBytes: 1_000_000 })
    await expect(readAll(b.body)).rejects.toSatisfy(
      (e: unknown) => e instanceof FetchBodyError && e.code === 'fetch.cut-off' && e.probeCode === 'truncated' && e.params.bytes === 1000,
    )
  })
})

describe('fetchDocument', () => {
  it('buffers a small document, whatever its status', async () => {
    const d = await engine.fetchDocument(server.url + '/catalogue.rdf', { maxBytes: 10_000 })
    expect({ status: d.status, contentType: d.contentType, body: d.body.toString() }).toEqual({ status: 200, contentType: 'application/rdf+xml', body: '<rdf:RDF/>' })
    const missing = await engine.fetchDocument(server.url + '/none', { maxBytes: 10_000 })
    expect(missing.status).toBe(404)
  })

  it('refuses a document over maxBytes (a bomb included)', async () => {
    await expect(engine.fetchDocument(server.url + '/bomb', { maxBytes: 1_000_000 })).rejects.toSatisfy(
      (e: unknown) => e instanceof FetchBodyError && e.code === 'fetch.too-large' && e.probeCode === null && e.params.limit === 1_000_000,
    )
  })

  it('decodes like fetchBody, follows redirects and names datavakt in its User-Agent', async () => {
    const before = server.requests.length
    const d = await engine.fetchDocument(server.url + '/moved', { maxBytes: 10_000 })
    expect({ finalUrl: d.finalUrl, body: d.body.toString() }).toEqual({ finalUrl: server.url + '/csv', body: csv })
    for (const p of ['/csv-gzip', '/csv-br']) expect((await engine.fetchDocument(server.url + p, { maxBytes: 10_000 })).body.toString()).toBe(csv)
    expect(server.requests.slice(before).every((q) => q.headers['user-agent']?.includes('datavakt'))).toBe(true)
  })

  it('a body cut off mid-way is an error, never a short document', async () => {
    await expect(engine.fetchDocument(server.url + '/cut', { maxBytes: 1_000_000 })).rejects.toSatisfy(
      (e: unknown) => e instanceof FetchBodyError && e.probeCode === 'truncated',
    )
  })
})
