/**
 * Serving HTTP from a command: one home for binding a host and port, saying in the
 * operator's language why they could not be had (and which flag or configuration key
 * to change), and closing again. `start` and the demo serve the web app through it,
 * `worker --metrics-port` its /metrics.
 */
import { serve } from '@hono/node-server'
import type { Server } from 'node:http'
import type { MessageKey } from '../i18n/catalogue.js'
import { DatavaktError } from '../i18n/datavakt-error.js'

/** A host and port that could not be bound: exit code 1, with what set them. */
export class ListenError extends DatavaktError {
  override name = 'ListenError'
}

/** Where to listen, and what the operator set it with (named in the errors). */
export interface ListenAt {
  host: string
  /** 0: any free port. */
  port: number
  /** e.g. `--metrics-port` or `worker.metricsPort`. */
  portSetBy: string
  /** e.g. `--metrics-host` or `worker.metricsHost`; none: the host is fixed (the demo's loopback). */
  hostSetBy?: string
}

/** A server that is listening. */
export interface Listening {
  /** `http://host:port/`, with the port really bound. */
  url: string
  /** Stops listening and ends its connections. */
  close(): Promise<void>
}

/** The message of each listen error code; any other code is `cli.listen.failed`. */
const MESSAGES: Record<string, MessageKey> = {
  EADDRINUSE: 'cli.listen.in-use',
  EACCES: 'cli.listen.denied',
  EADDRNOTAVAIL: 'cli.listen.no-address',
  ENOTFOUND: 'cli.listen.no-address',
  EAI_AGAIN: 'cli.listen.no-address',
}

/** Serves `app` on `at.host:at.port`; resolves once listening, rejects with a ListenError when the address cannot be had. */
export async function listen(app: { fetch: (req: Request) => Response | Promise<Response> }, at: ListenAt): Promise<Listening> {
  const server = serve({ fetch: app.fetch, port: at.port, hostname: at.host }) as Server
  try {
    await new Promise<void>((resolve, reject) => {
      const settle = (err?: Error) => {
        server.off('listening', settle).off('error', settle)
        if (err) reject(err)
        else resolve()
      }
      server.once('listening', settle).once('error', settle)
    })
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'unknown'
    const address = hostPort(at.host, at.port)
    let key = MESSAGES[code] ?? 'cli.listen.failed'
    if (key === 'cli.listen.no-address' && !at.hostSetBy) key = 'cli.listen.failed'
    throw new ListenError(key, { address, code, portSetBy: at.portSetBy, hostSetBy: at.hostSetBy ?? '' }, { cause: err })
  }
  const bound = server.address()
  const port = typeof bound === 'object' && bound ? bound.port : at.port
  return {
    url: `http://${hostPort(at.host, port)}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}

/** `host:port`, an IPv6 address in brackets. */
function hostPort(host: string, port: number): string {
  return `${host.includes(':') ? `[${host}]` : host}:${port}`
}
