import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

/** A request handler; return false to fall through to 404. */
export type Handler = (req: IncomingMessage, res: ServerResponse, url: URL) => void | boolean | Promise<void | boolean>

/** A real HTTP server on 127.0.0.1 with a swappable handler, for harvest tests. */
export interface TestServer {
  origin: string
  server: Server
  handler: Handler
  requests: string[]
  close(): Promise<void>
}

/** Starts a loopback server. Tests change `handler` between harvests. */
export async function serve(handler: Handler): Promise<TestServer> {
  const state: TestServer = {
    origin: '',
    server: undefined as unknown as Server,
    handler,
    requests: [],
    close: async () => {
      state.server.closeAllConnections()
      await new Promise<void>((r) => state.server.close(() => r()))
    },
  }
  state.server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', state.origin)
    state.requests.push(url.pathname + url.search)
    try {
      const handled = await state.handler(req, res, url)
      if (handled === false && !res.headersSent) {
        res.writeHead(404, { 'content-type': 'text/plain' })
        res.end('not found')
      }
    } catch (err) {
      if (!res.headersSent) res.writeHead(500)
      res.end(String(err))
    }
  })
  await new Promise<void>((r) => state.server.listen(0, '127.0.0.1', () => r()))
  state.origin = `http://127.0.0.1:${(state.server.address() as AddressInfo).port}`
  return state
}

/** Answers with a body and a content type. */
export function send(res: ServerResponse, body: string | Buffer, contentType = 'application/rdf+xml', status = 200): void {
  res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(body) })
  res.end(body)
}
