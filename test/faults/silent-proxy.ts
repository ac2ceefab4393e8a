/**
 * A TCP proxy on 127.0.0.1 in front of a server (PostgreSQL) that can go silent: after
 * `silence()` it forwards nothing in either direction and answers no new connection, yet
 * closes no socket. To its clients the server has stopped answering on live connections:
 * every call waits, and never settles unless the caller gives up. That is what a wedged
 * postgres.js connection (porsager/postgres#1209) or a network partition looks like, made
 * on demand instead of by chance.
 */
import { connect, createServer, type AddressInfo, type Socket } from 'node:net'

export interface SilentProxy {
  /** The proxy's port on 127.0.0.1. */
  port: number
  /** `url` with its host and port replaced by the proxy's. */
  via(url: string): string
  /** From now on nothing passes, and new connections are accepted and left waiting. */
  silence(): void
  /** Connections it has accepted so far. */
  accepted(): number
  close(): Promise<void>
}

/** Starts a proxy to `target` (host:port on the loopback). */
export async function startSilentProxy(target: { host: string; port: number }): Promise<SilentProxy> {
  let silent = false
  let accepted = 0
  const sockets = new Set<Socket>()
  const track = (s: Socket) => {
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
    s.on('error', () => s.destroy())
  }
  const forward = (from: Socket, to: Socket) => {
    from.on('data', (chunk) => {
      if (!silent) to.write(chunk)
    })
    from.on('end', () => {
      if (!silent) to.end()
    })
    from.on('close', () => {
      if (!silent) to.destroy()
    })
  }
  const server = createServer((client) => {
    accepted++
    track(client)
    if (silent) {
      client.pause()
      return
    }
    const upstream = connect(target.port, target.host)
    track(upstream)
    forward(client, upstream)
    forward(upstream, client)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  return {
    port,
    via(url) {
      const u = new URL(url)
      u.hostname = '127.0.0.1'
      u.port = String(port)
      return u.toString()
    },
    silence() {
      silent = true
      for (const s of sockets) s.pause()
    },
    accepted: () => accepted,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy()
        server.close(() => resolve())
      }),
  }
}
