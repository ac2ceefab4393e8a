/**
 * Real HTTP(S) servers on loopback for the fetch tests. Each server counts its open
 * connections (now and at peak) and records when each request arrived, so politeness
 * can be checked from the server's side.
 */
import { createServer, type IncomingMessage, type OutgoingHttpHeaders, type Server, type ServerResponse } from 'node:http'
import { createServer as createTlsServer } from 'node:https'
import type { AddressInfo, Socket } from 'node:net'

export type Handler = (req: IncomingMessage, res: ServerResponse) => void

export interface LoopbackServer {
  url: string
  host: string
  port: number
  /** Connections open right now, and the most ever open at once. */
  open(): number
  peakOpen(): number
  connections(): number
  /** Arrival time (performance.now()) and path of every request. */
  requests: { at: number; path: string; method: string; headers: IncomingMessage['headers'] }[]
  close(): Promise<void>
}

/** A handler that answers `status` with `headers` and `body` (none by default), whatever was asked. */
export function reply(status: number, headers: OutgoingHttpHeaders = {}, body?: string | Buffer): Handler {
  return (_req, res) => void res.writeHead(status, headers).end(body)
}

/** A handler that answers each path (its query aside) with `table`'s handler for it, and a bare 404 where it has none. */
export function byPath(table: Record<string, Handler>): Handler {
  return (req, res) => {
    const path = (req.url ?? '').split('?')[0]!
    ;(Object.hasOwn(table, path) ? table[path]! : reply(404))(req, res)
  }
}

/** Starts a server on `address` (default 127.0.0.1); `tls` makes it https with the given key/cert. */
export async function startServer(
  handler: Handler,
  opts: { address?: string; tls?: { key: string | Buffer; cert: string | Buffer } } = {},
): Promise<LoopbackServer> {
  const requests: LoopbackServer['requests'] = []
  const wrapped: Handler = (req, res) => {
    requests.push({ at: performance.now(), path: req.url ?? '', method: req.method ?? '', headers: req.headers })
    handler(req, res)
  }
  const server: Server = opts.tls ? createTlsServer({ key: opts.tls.key, cert: opts.tls.cert }, wrapped) : createServer(wrapped)
  const sockets = new Set<Socket>()
  let peak = 0
  let total = 0
  server.on(opts.tls ? 'secureConnection' : 'connection', (socket: Socket) => {
    sockets.add(socket)
    total++
    peak = Math.max(peak, sockets.size)
    socket.on('close', () => sockets.delete(socket))
  })
  // Sockets that fail the TLS handshake still have to be closed at the end.
  const raw = new Set<Socket>()
  server.on('connection', (s: Socket) => {
    raw.add(s)
    s.on('close', () => raw.delete(s))
  })
  const address = opts.address ?? '127.0.0.1'
  await new Promise<void>((resolve) => server.listen(0, address, resolve))
  const port = (server.address() as AddressInfo).port
  return {
    url: `${opts.tls ? 'https' : 'http'}://${address}:${port}`,
    host: `${address}:${port}`,
    port,
    open: () => sockets.size,
    peakOpen: () => peak,
    connections: () => total,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of raw) s.destroy()
        server.close(() => resolve())
      }),
  }
}

/** Requests in flight, now and at the peak; several servers may share one count. */
export interface InFlight {
  now: number
  peak: number
}

/** A server on `address` that answers a small CSV after `delayMs`, counting the requests in flight into `inFlight`. */
export function startSlowServer(delayMs: number, inFlight: InFlight, address = '127.0.0.1'): Promise<LoopbackServer> {
  return startServer(
    (_req, res) => {
      inFlight.now++
      inFlight.peak = Math.max(inFlight.peak, inFlight.now)
      setTimeout(() => {
        inFlight.now--
        res.end('a,b\n1,2\n')
      }, delayMs)
    },
    { address },
  )
}

/** A port on `address` where nothing listens (bound, then closed). */
export async function closedPort(address = '127.0.0.1'): Promise<number> {
  const s = createServer()
  await new Promise<void>((resolve) => s.listen(0, address, resolve))
  const port = (s.address() as AddressInfo).port
  await new Promise<void>((resolve) => s.close(() => resolve()))
  return port
}
