import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

/** A loopback HTTP server standing for one host, counting what it is asked. */
export interface LoopbackHost {
  host: string
  base: string
  /** Requests per path. */
  hits: Map<string, number>
  /** Most requests in flight at once. */
  maxConcurrent: number
  /** Headers of the last request per path. */
  lastHeaders: Map<string, Record<string, string | string[] | undefined>>
  close(): Promise<void>
}

/**
 * Starts `count` servers on 127.0.0.1 (a host is host:port, as the queue sees it).
 * Paths: /ok/* → 200 CSV with an ETag (304 on a matching If-None-Match), /missing/* → 404.
 * Every response waits `delayMs` first, so a worker can be caught mid-host.
 */
export async function startLoopbackHosts(count: number, delayMs = 0): Promise<LoopbackHost[]> {
  const out: LoopbackHost[] = []
  for (let i = 0; i < count; i++) {
    let active = 0
    const h = { hits: new Map<string, number>(), maxConcurrent: 0, lastHeaders: new Map() } as LoopbackHost
    const server: Server = createServer((req, res) => {
      active++
      h.maxConcurrent = Math.max(h.maxConcurrent, active)
      const path = req.url ?? '/'
      h.hits.set(path, (h.hits.get(path) ?? 0) + 1)
      h.lastHeaders.set(path, req.headers)
      setTimeout(() => {
        const etag = `"${path.length}"`
        if (path.startsWith('/ok/')) {
          if (req.headers['if-none-match'] === etag) {
            res.writeHead(304, { etag })
            res.end()
          } else {
            res.writeHead(200, { 'content-type': 'text/csv', etag })
            res.end('a,b\n1,2\n')
          }
        } else {
          res.writeHead(404, { 'content-type': 'text/plain' })
          res.end('not found')
        }
        active--
      }, delayMs)
    })
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    const port = (server.address() as AddressInfo).port
    h.host = `127.0.0.1:${port}`
    h.base = `http://127.0.0.1:${port}`
    h.close = () =>
      new Promise<void>((r) => {
        server.closeAllConnections()
        server.close(() => r())
      })
    out.push(h)
  }
  return out
}
