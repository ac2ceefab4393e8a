/**
 * The connector every connection of the engine is made by: the address guard before any
 * packet (IP literals here, host names in the guarded lookup), then, for https, TLS
 * verified by hand exactly as Node would (chain, then host name), so that the
 * certificate of a rejected server can still be read for its expiry date. Nothing is sent
 * on a socket that fails either check.
 */
import { buildConnector } from 'undici'
import { checkServerIdentity, rootCertificates, type TLSSocket } from 'node:tls'
import { assertAllowedAddress, guardedLookup, type AddressPolicy, type LookupAllFunction } from './address-guard.js'
import { cachedLookup } from './cached-lookup.js'
import { TlsRejectedError } from './fetch-errors.js'

const DAY_MS = 86_400_000

/** What the connector needs: the guard's policy, the connect timeout, and optional DNS and CA overrides. */
export interface ConnectorOptions {
  policy: AddressPolicy
  connectTimeoutMs: number
  /** DNS lookup returning all addresses; defaults to `dns.lookup` (cached for 60 s). */
  lookup?: LookupAllFunction
  /** Extra trusted CA certificate(s) (PEM), added to Node's roots. */
  ca?: string | Buffer | (string | Buffer)[]
}

/** The certificate facts of an https URL's host, as last seen by the connector. */
export interface TlsFacts {
  tlsValidTo: string | null
  tlsDaysLeft: number | null
}

/** The connector for undici's Agent, and what it learned about certificates. */
export interface GuardedConnector {
  connect: buildConnector.connector
  /** Expiry of the certificate last seen for `url`'s host and port (nulls for http or none seen). */
  tlsFacts(url: URL | null): TlsFacts
}

/**
 * Makes the connector. Refuses (ForbiddenTargetError) every address the policy refuses,
 * and (TlsRejectedError) every certificate Node would refuse: untrusted chain, expired,
 * wrong host name.
 */
export function createGuardedConnector(o: ConnectorOptions): GuardedConnector {
  // Certificate expiry per host:port, recorded on each TLS connection.
  const certs = new Map<string, Date>()
  const baseConnect = buildConnector({
    timeout: o.connectTimeoutMs,
    lookup: guardedLookup(o.policy, cachedLookup(o.lookup)),
    // Verified by hand in verify() below, so a rejected server's certificate can be read.
    rejectUnauthorized: false,
    ...(o.ca ? { ca: [...rootCertificates, ...(Array.isArray(o.ca) ? o.ca : [o.ca])] } : {}),
  } as buildConnector.BuildOptions)

  const connect: buildConnector.connector = (opts, callback) => {
    try {
      // IP literals never reach the lookup, so they are judged here, before any packet.
      assertAllowedAddress(opts.hostname, o.policy)
    } catch (err) {
      callback(err as Error, null)
      return
    }
    baseConnect(opts, (...args) => {
      const [err, socket] = args
      if (err || !socket || typeof (socket as TLSSocket).getPeerCertificate !== 'function') return callback(...args)
      const tlsSocket = socket as TLSSocket
      const cert = tlsSocket.getPeerCertificate()
      const validTo = cert?.valid_to ? new Date(cert.valid_to) : null
      if (validTo && !Number.isNaN(validTo.getTime())) certs.set(`${opts.hostname}:${opts.port || 443}`, validTo)
      const rejection = verify(tlsSocket, opts.servername || opts.hostname.replace(/^\[|\]$/g, ''))
      if (rejection) {
        tlsSocket.destroy()
        return callback(rejection, null)
      }
      callback(null, tlsSocket)
    })
  }

  const tlsFacts = (url: URL | null): TlsFacts => {
    const validTo = url?.protocol === 'https:' ? certs.get(`${url.hostname}:${url.port || 443}`) : undefined
    if (!validTo) return { tlsValidTo: null, tlsDaysLeft: null }
    return { tlsValidTo: validTo.toISOString(), tlsDaysLeft: Math.floor((validTo.getTime() - Date.now()) / DAY_MS) }
  }
  return { connect, tlsFacts }
}

/** Node's own checks, in Node's order: the chain, then the name. Null when the socket may be used. */
function verify(socket: TLSSocket, name: string): Error | null {
  if (!socket.authorized) {
    const reason = socket.authorizationError as unknown
    const code = typeof reason === 'string' ? reason : ((reason as { code?: string } | null)?.code ?? 'UNABLE_TO_VERIFY_LEAF_SIGNATURE')
    return new TlsRejectedError(code)
  }
  // As Node does: a resumed session was checked when it was made (sessions are cached per
  // host name), and its peer certificate may come back without its names.
  if (socket.isSessionReused()) return null
  const mismatch = checkServerIdentity(name, socket.getPeerCertificate())
  return mismatch ? new TlsRejectedError((mismatch as NodeJS.ErrnoException).code ?? 'ERR_TLS_CERT_ALTNAME_INVALID', { cause: mismatch }) : null
}
