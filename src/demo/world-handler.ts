import type { IncomingMessage, ServerResponse } from 'node:http'
import { Readable, pipeline } from 'node:stream'
import { htmlPage, renderBody, type RenderedBody } from './render-body.js'
import { catalogueChunks } from './render-catalogue.js'
import { gzipBomb, hugeBody } from './huge-bodies.js'
import { frontPage, pageDefectAnswer, pageDefectTarget, type PageAnswer } from './web-page-defects.js'
import type { DefectName } from './defect-rules.js'
import { validators } from './truth-entry.js'
import { hash32 } from './hash32.js'
import { openApiDocument } from './hvd-world.js'
import type { WorldLayout } from './world-layout.js'
import { csvwSchema, worldSpecs } from './world-specs.js'

/** Tunables of the wire behaviour. */
export interface HandlerOptions {
  /** How long timeout / no-response stall, in ms. */
  slowMs: number
  /** Retry-After sent with 429 and 503, in seconds. */
  retryAfterSeconds: number
  /** Size of the huge body, in bytes. */
  hugeBytes: number
  /** Inflated size of the gzip bomb, in bytes (a multiple of 16 MiB). */
  bombBytes: number
}

const noop = () => {}

/**
 * Answers every request the world receives: catalogues, specifications and
 * distribution files, with each distribution's defect for the current day applied on
 * the wire. Bodies are rendered per request from the model (never stored); huge bodies
 * and gzip bombs are streamed lazily from one small repeated chunk, and every stream
 * and timer is dropped when the client goes away.
 */
export class WorldHandler {
  private readonly timers = new Set<NodeJS.Timeout>()
  /** Requests served, for the benchmark and the CLI. */
  requests = 0
  /**
   * Recently rendered bodies, so a checker's prefix probe followed by a full content
   * read renders a file once. Bounded by bytes, oldest out first.
   */
  private readonly cache = new Map<string, RenderedBody>()
  private cacheBytes = 0
  private static readonly cacheLimit = 16 * 1024 * 1024

  /** Stalled requests (timeout / no-response) still waiting; 0 once their clients are gone. */
  get pendingStalls(): number {
    return this.timers.size
  }

  private body(dist: number, version: number, active: DefectName | null, variant: number): RenderedBody {
    const key = `${dist}:${version}:${variant}`
    const hit = this.cache.get(key)
    if (hit) {
      this.cache.delete(key)
      this.cache.set(key, hit)
      return hit
    }
    const rendered = renderBody(this.layout.model, dist, version, active)
    this.cache.set(key, rendered)
    this.cacheBytes += rendered.body.length
    while (this.cacheBytes > WorldHandler.cacheLimit) {
      const [oldest, value] = this.cache.entries().next().value as [string, RenderedBody]
      this.cache.delete(oldest)
      this.cacheBytes -= value.body.length
    }
    return rendered
  }

  constructor(
    private readonly layout: WorldLayout,
    private readonly epochMs: number,
    private readonly opts: HandlerOptions,
    private readonly day: () => number,
  ) {}

  /** Cancels pending stalls (used when the world closes). */
  clearTimers(): void {
    for (const t of this.timers) clearTimeout(t)
    this.timers.clear()
  }

  private later(res: ServerResponse, ms: number, fn: () => void): void {
    const t = setTimeout(() => {
      this.timers.delete(t)
      fn()
    }, ms)
    this.timers.add(t)
    res.on('close', () => {
      clearTimeout(t)
      this.timers.delete(t)
    })
  }

  /** Entry point for a request that arrived at `hostIndex` (-1 catalogue host, -2 spec host). */
  handle(hostIndex: number, req: IncomingMessage, res: ServerResponse): void {
    this.requests++
    res.on('error', noop)
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { allow: 'GET, HEAD', 'content-length': 0 }).end()
        return
      }
      if (hostIndex === -1) return this.catalogueHost(req, res)
      if (hostIndex === -2) return this.specHost(req, res)
      return this.distributionHost(hostIndex, req, res)
    } catch (err) {
      // A bug in the world must not take the process down; say so on the wire.
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' })
      res.end(`world error: ${(err as Error).message}`)
    }
  }

  private sendBody(req: IncomingMessage, res: ServerResponse, status: number, headers: Record<string, string | number>, body: Buffer): void {
    res.writeHead(status, { ...headers, 'content-length': body.length })
    if (req.method === 'HEAD') res.end()
    else res.end(body)
  }

  private notFound(req: IncomingMessage, res: ServerResponse): void {
    this.sendBody(req, res, 404, { 'content-type': 'text/html; charset=utf-8' }, htmlPage('Sidan hittades inte', 'Sidan du söker finns inte.'))
  }

  private catalogueHost(req: IncomingMessage, res: ServerResponse): void {
    const path = (req.url ?? '/').split('?')[0]
    const m = this.layout.model
    if (path === '/') {
      const index = {
        catalogues: m.organisations.map((o, i) => ({ name: o.displayName, organisationIri: this.layout.orgIri(i), url: this.layout.catalogueUrl(i) })),
        specs: worldSpecs.map((s, i) => ({ name: s.name, uri: this.layout.specUri(i) })),
      }
      return this.sendBody(req, res, 200, { 'content-type': 'application/json' }, Buffer.from(JSON.stringify(index, null, 1)))
    }
    const match = /^\/([a-z0-9-]+)\/datasets\/dcat\/?$/.exec(path)
    if (match) {
      const o = m.organisations.findIndex((org) => org.slug === match[1])
      if (o >= 0) {
        res.writeHead(200, { 'content-type': 'application/rdf+xml; charset=utf-8' })
        if (req.method === 'HEAD') return void res.end()
        // Streamed chunk by chunk: a 100,000-distribution world has 20 MB catalogues.
        return void pipeline(Readable.from(catalogueChunks(this.layout, o, this.epochMs)), res, noop)
      }
    }
    const api = /^\/([a-z0-9-]+)\/dataservice\/(\d+)\/openapi\.json$/.exec(path)
    if (api) {
      const ds = Number(api[2])
      if (ds < m.datasetCount && m.datasetHasService(ds) && this.layout.serviceIri(ds).endsWith(`/${api[1]}/dataservice/${ds}`)) {
        const endpoint = this.layout.distUrl(m.dsFirstDist[ds]).split('?')[0]
        return this.sendBody(req, res, 200, { 'content-type': 'application/vnd.oai.openapi+json' }, openApiDocument(`API ${ds}`, endpoint))
      }
    }
    return this.notFound(req, res)
  }

  private specHost(req: IncomingMessage, res: ServerResponse): void {
    const path = (req.url ?? '/').split('?')[0]
    const match = /^\/specifications\/([a-z0-9-]+)\/([0-9.]+)(\/|\/schema\.json)?$/.exec(path)
    if (match) {
      const s = worldSpecs.findIndex((spec) => spec.id === match[1] && spec.version === match[2])
      if (s >= 0) {
        const body = Buffer.from(JSON.stringify(csvwSchema(worldSpecs[s], this.layout.specUri(s)), null, 2))
        return this.sendBody(req, res, 200, { 'content-type': 'application/json' }, body)
      }
    }
    return this.notFound(req, res)
  }

  private distributionHost(hostIndex: number, req: IncomingMessage, res: ServerResponse): void {
    const url = req.url ?? '/'
    const m = this.layout.model
    if (url === '/') return this.answer(req, res, frontPage())
    const parts = url.split('?')[0].split('/')
    // parts[0] is '' (leading slash).
    const dist = Number(parts[1] === 'data' ? parts[3] : parts[2])
    if (!Number.isInteger(dist) || dist < 0 || dist >= m.distributionCount || m.hostOf(dist) !== hostIndex) return this.notFound(req, res)
    const base = m.baseDefect(dist)
    const page = pageDefectTarget(parts, dist, base)
    if (page === 'file') return this.serveFile(dist, req, res, null)
    if (page) return this.answer(req, res, page)
    switch (parts[1]) {
      case 'data': {
        const expected = this.layout.distUrl(dist)
        if (expected.slice(expected.indexOf('/', 7)) !== url) return this.notFound(req, res)
        return this.serveDistribution(dist, req, res)
      }
      case 'moved': {
        const k = Number(parts[3])
        const hops = base === 'too-many-redirects' ? 12 : base === 'redirect-chain' ? 1 + (hash32(m.seed, dist, 808) % 3) : 0
        if (!Number.isInteger(k) || k < 1 || k > hops || parts.length !== 4) return this.notFound(req, res)
        // The first hop used an absolute path; the rest are relative, like real CMS chains.
        return this.redirect(req, res, 302, k < hops ? String(k + 1) : `/current/${dist}`)
      }
      case 'loop': {
        if (base !== 'redirect-loop' || parts.length !== 4) return this.notFound(req, res)
        if (parts[3] === 'a') return this.redirect(req, res, 302, 'b')
        if (parts[3] === 'b') return this.redirect(req, res, 302, 'a')
        return this.notFound(req, res)
      }
      case 'current':
        if (parts.length !== 3) return this.notFound(req, res)
        return this.serveFile(dist, req, res, null)
      default:
        return this.notFound(req, res)
    }
  }

  private answer(req: IncomingMessage, res: ServerResponse, a: PageAnswer): void {
    this.sendBody(req, res, a.status, a.headers, a.body)
  }

  private redirect(req: IncomingMessage, res: ServerResponse, status: number, location: string): void {
    this.sendBody(req, res, status, { location, 'content-type': 'text/html; charset=utf-8' }, Buffer.from(`<a href="${location}">Flyttad</a>\n`))
  }

  private serveDistribution(dist: number, req: IncomingMessage, res: ServerResponse): void {
    const active = this.layout.model.activeDefect(dist, this.day())
    const html = { 'content-type': 'text/html; charset=utf-8' }
    const page = pageDefectAnswer(active, dist)
    if (page) return this.answer(req, res, page)
    switch (active) {
      case 'http-404':
        return this.notFound(req, res)
      case 'http-410':
        return this.sendBody(req, res, 410, html, htmlPage('Borttagen', 'Filen har tagits bort permanent.'))
      case 'http-500':
        return this.sendBody(req, res, 500, html, htmlPage('Internal Server Error', 'Ett oväntat fel inträffade.'))
      case 'http-502':
        return this.sendBody(req, res, 502, html, htmlPage('502 Bad Gateway', 'nginx'))
      case 'http-503-retry-after':
        return this.sendBody(req, res, 503, { ...html, 'retry-after': this.opts.retryAfterSeconds }, htmlPage('Tjänsten är tillfälligt otillgänglig', 'Försök igen senare.'))
      case 'http-429-retry-after':
        return this.sendBody(req, res, 429, { ...html, 'retry-after': this.opts.retryAfterSeconds }, htmlPage('För många förfrågningar', 'Försök igen senare.'))
      case 'bot-challenge':
        return this.sendBody(req, res, 403, { ...html, 'cf-mitigated': 'challenge', server: 'cloudflare', 'cache-control': 'private, max-age=0, no-store' }, htmlPage('Just a moment...', 'Enable JavaScript and cookies to continue'))
      case 'login-wall':
        return this.sendBody(req, res, 401, { ...html, 'www-authenticate': 'Basic realm="Intranät"' }, htmlPage('Inloggning krävs', 'Logga in med ditt konto.'))
      case 'forbidden':
        return this.sendBody(req, res, 403, html, htmlPage('Åtkomst nekad', 'Du har inte behörighet att se den här sidan.'))
      case 'timeout':
        // Headers only come after slowMs, long after any sane client has given up.
        return this.later(res, this.opts.slowMs, () => this.serveFile(dist, req, res, null))
      case 'no-response':
        return this.later(res, this.opts.slowMs, () => req.socket.destroy())
      case 'reset':
        return this.reset(req)
      case 'redirect-chain':
      case 'too-many-redirects':
        return this.redirect(req, res, 301, `/moved/${dist}/1`)
      case 'redirect-loop':
        return this.redirect(req, res, 302, `/loop/${dist}/a`)
      case 'head-405':
        if (req.method === 'HEAD') return this.sendBody(req, res, 405, { allow: 'GET' }, Buffer.alloc(0))
        break
      case 'head-501':
        if (req.method === 'HEAD') return this.sendBody(req, res, 501, {}, Buffer.alloc(0))
        break
      case 'head-lies-404':
        if (req.method === 'HEAD') return this.sendBody(req, res, 404, html, Buffer.alloc(0))
        break
      case 'truncated':
        return this.truncated(dist, req)
      case 'empty-body':
        return this.sendBody(req, res, 200, { 'content-type': 'text/csv; charset=utf-8' }, Buffer.alloc(0))
      case 'huge-body':
        return hugeBody(req, res, { bytes: this.opts.hugeBytes, lastModified: validators(this.layout.model, this.epochMs, dist, this.day(), 'huge-body').lastModified })
      case 'gzip-bomb':
        return gzipBomb(req, res, { bytes: this.opts.bombBytes, lastModified: validators(this.layout.model, this.epochMs, dist, this.day(), 'gzip-bomb').lastModified })
      default:
        break
    }
    return this.serveFile(dist, req, res, active)
  }

  /** A normal file: validators, conditional requests, Range (unless the host ignores it). */
  private serveFile(dist: number, req: IncomingMessage, res: ServerResponse, active: DefectName | null): void {
    const m = this.layout.model
    const day = this.day()
    const val = validators(m, this.epochMs, dist, day, active)
    const { body, contentType } = this.body(dist, val.version, active, val.variant)
    const host = m.hostOf(dist)
    const ranges = m.hostIgnoresRange[host] !== 1
    const headers: Record<string, string | number> = { 'content-type': contentType, 'last-modified': val.lastModified, etag: val.etag }
    if (ranges) headers['accept-ranges'] = 'bytes'
    const inm = req.headers['if-none-match']
    const ims = req.headers['if-modified-since']
    if ((inm && inm.split(',').some((t) => t.trim() === val.etag)) || (!inm && ims && Date.parse(ims) >= Date.parse(val.lastModified))) {
      res.writeHead(304, { 'last-modified': val.lastModified, etag: val.etag })
      res.end()
      return
    }
    const range = req.headers.range
    if (ranges && range) {
      const r = /^bytes=(\d*)-(\d*)$/.exec(range.trim())
      if (r && (r[1] !== '' || r[2] !== '')) {
        let start: number
        let end: number
        if (r[1] === '') {
          start = Math.max(0, body.length - Number(r[2]))
          end = body.length - 1
        } else {
          start = Number(r[1])
          end = r[2] === '' ? body.length - 1 : Math.min(Number(r[2]), body.length - 1)
        }
        if (start >= body.length || start > end) {
          res.writeHead(416, { 'content-range': `bytes */${body.length}`, 'content-length': 0 })
          res.end()
          return
        }
        headers['content-range'] = `bytes ${start}-${end}/${body.length}`
        return this.sendBody(req, res, 206, headers, body.subarray(start, end + 1))
      }
    }
    return this.sendBody(req, res, 200, headers, body)
  }

  /**
   * A TCP reset (RST, not FIN) right after the request arrives, before any response
   * byte: what a crashing backend or a middlebox does. A reset after the headers would
   * look like a truncated body to any client, which is the `truncated` defect's job.
   */
  private reset(req: IncomingMessage): void {
    req.socket.resetAndDestroy()
  }

  /** Content-Length promises far more than is sent; then the connection is closed (FIN). */
  private truncated(dist: number, req: IncomingMessage): void {
    const socket = req.socket
    const { body, contentType } = renderBody(this.layout.model, dist, 0, null)
    const promised = body.length * 4 + 10_000
    const head = `HTTP/1.1 200 OK\r\nContent-Type: ${contentType}\r\nContent-Length: ${promised}\r\nConnection: close\r\n\r\n`
    if (req.method === 'HEAD') {
      socket.end(head)
      return
    }
    socket.end(Buffer.concat([Buffer.from(head), body.subarray(0, Math.max(1, Math.floor(body.length / 2)))]))
  }
}
