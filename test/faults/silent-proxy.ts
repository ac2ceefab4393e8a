/**
 * A TCP proxy on 127.0.0.1 in front of a server (PostgreSQL) that can go silent: after
 * `silence()` it forwards nothing in either direction and answers no new connection, yet
 * closes no socket. To its clients the server has stopped answering on live connections:
 * every call waits, and never settles unless the caller gives up. That is what a wedged
 * postgres.js connection (porsager/postgres#1209) or a network partition looks like, made
 * on demand instead of by chance. `silenceOpen()` does that to the connections open now
 * only, and goes on forwarding new ones: a pool holding dead connections while the server
 * is fine.
 */
import { connect, createServer, type AddressInfo, type Socket } from 'node:net'

export interface SilentProxy {
  /** The proxy's port on 127.0.0.1. */
  port: number
  /** `url` with its host and port replaced by the proxy's. */
  via(url: string): string
  /** From now on nothing passes, and new connections are accepted and left waiting. */
  silence(): void
  /** From now on nothing passes on the connections open now; new connections pass as usual. */
  silenceOpen(): void
  /** Cuts the connections open now, as a server that restarts does; new connections pass as usual. */
  cutOpen(): void
  /** Connections open now (each pair of client and upstream socket counts once). */
  open(): number
  /** Connections it has accepted so far. */
  accepted(): number
  close(): Promise<void>
}

/** Starts a proxy to `target` (host:port on the loopback). */
export async function startSilentProxy(target: { host: string; port: number }): Promise<SilentProxy> {
  let silent = false
  let accepted = 0
  const sockets = new Set<Socket>()
  /** The open connections: their client socket, and whether they were silenced. */
  const pairs = new Map<Socket, { silent: boolean; upstream: Socket }>()
  const track = (s: Socket) => {
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
    s.on('error', () => s.destroy())
  }
  const forward = (from: Socket, to: Socket, pair: { silent: boolean }) => {
    from.on('data', (chunk) => {
      if (!silent && !pair.silent) to.write(chunk)
    })
    from.on('end', () => {
      if (!silent && !pair.silent) to.end()
    })
    from.on('close', () => {
      if (!silent && !pair.silent) to.destroy()
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
    const pair = { silent: false, upstream }
    pairs.set(client, pair)
    client.on('close', () => pairs.delete(client))
    forward(client, upstream, pair)
    forward(upstream, client, pair)
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
    silenceOpen() {
      for (const pair of pairs.values()) pair.silent = true
    },
    cutOpen() {
      for (const [client, pair] of pairs) {
        client.destroy()
        pair.upstream.destroy()
      }
    },
    open: () => pairs.size,
    accepted: () => accepted,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy()
        server.close(() => resolve())
      }),
  }
}
