/**
 * A loopback HTTP server that writes its answers by hand, byte for byte: a `Location`
 * with raw UTF-8 or latin1 bytes, several `Location` headers, whatever node:http would
 * refuse or rewrite. Each answer closes its connection.
 */
import { createServer, type AddressInfo, type Socket } from 'node:net'

/** The raw answer (status line, headers, body) for a request's target (path and query, as sent). */
export type RawRoutes = (target: string) => Buffer

export interface RawServer {
  url: string
  /** Every request target as it arrived on the wire. */
  targets: string[]
  close(): Promise<void>
}

/** An answer with these header lines (each a Buffer or a string written as latin1) and body. */
export function rawAnswer(status: string, headers: (string | Buffer)[], body = ''): Buffer {
  const crlf = Buffer.from('\r\n')
  const parts: Buffer[] = [Buffer.from(`HTTP/1.1 ${status}`, 'latin1'), crlf]
  for (const h of [...headers, `content-length: ${Buffer.byteLength(body)}`, 'connection: close']) {
    parts.push(typeof h === 'string' ? Buffer.from(h, 'latin1') : h, crlf)
  }
  parts.push(crlf, Buffer.from(body))
  return Buffer.concat(parts)
}

export async function startRawServer(routes: RawRoutes): Promise<RawServer> {
  const targets: string[] = []
  const sockets = new Set<Socket>()
  const server = createServer((socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
    socket.on('error', () => undefined)
    let head = Buffer.alloc(0)
    socket.on('data', (chunk: Buffer) => {
      head = Buffer.concat([head, chunk])
      const end = head.indexOf('\r\n\r\n')
      if (end < 0) return
      const target = head.subarray(0, head.indexOf('\r\n')).toString('latin1').split(' ')[1] ?? '/'
      targets.push(target)
      socket.end(routes(target))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  return {
    url: `http://127.0.0.1:${port}`,
    targets,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy()
        server.close(() => resolve())
      }),
  }
}
