import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { defaultConfig, type HttpConfig } from '../../src/config/config.js'
import { createFetchEngine, type CreatedFetchEngine } from '../../src/fetch/create-fetch-engine.js'
import { describeFinding } from '../../src/i18n/catalogue.js'
import { startServer, type LoopbackServer } from './loopback-server.js'
import { makeTestCerts, type TestCerts } from './test-certs.js'

const http: HttpConfig = { ...defaultConfig.http, perHostGapMs: 0, headersTimeoutMs: 2_000, bodyTimeoutMs: 2_000, probeBytes: 1024 }
const csv = 'a,b\n1,2\n'

let certs: TestCerts
const servers: Record<string, LoopbackServer> = {}
let plain: LoopbackServer
let engine: CreatedFetchEngine

beforeAll(async () => {
  certs = makeTestCerts()
  plain = await startServer((_req, res) => res.end(csv))
  const serve = (cert: string) =>
    startServer(
      (req, res) => {
        if (req.url === '/to-http') return void res.writeHead(302, { location: `${plain.url}/file.csv` }).end()
        res.writeHead(200, { 'content-type': 'text/csv' }).end(csv)
      },
      { tls: { key: certs.key, cert } },
    )
  servers.valid = await serve(certs.valid)
  servers.soon = await serve(certs.expiringSoon)
  servers.expired = await serve(certs.expired)
  servers.wrong = await serve(certs.wrongHost)
  servers.self = await serve(certs.selfSigned)
  engine = createFetchEngine(http, { allowPrivateNetworks: true, ca: certs.ca })
})
afterAll(async () => {
  await engine?.close()
  await Promise.all([plain, ...Object.values(servers)].filter(Boolean).map((s) => s.close()))
  certs?.cleanup()
})

describe('TLS is classified and its expiry recorded', () => {
  it('a valid certificate from a trusted CA is ok, with its expiry date and days left', async () => {
    const r = await engine.probe(servers.valid.url + '/file.csv')
    expect({ outcome: r.outcome, code: r.code }).toEqual({ outcome: 'ok', code: 'ok' })
    expect(r.tlsDaysLeft).toBeGreaterThanOrEqual(298)
    expect(r.tlsDaysLeft).toBeLessThanOrEqual(300)
    expect(new Date(r.tlsValidTo!).getTime()).toBeGreaterThan(Date.now() + 298 * 86_400_000)
    expect(r.findings).toEqual([])
  })

  it('a certificate expiring in under 14 days is ok with a warning', async () => {
    const r = await engine.probe(servers.soon.url + '/file.csv')
    expect(r.code).toBe('ok')
    expect(r.tlsDaysLeft).toBeLessThan(14)
    expect(r.findings.map((f) => f.code)).toEqual(['tls-expiring-soon'])
    expect(r.findings[0]).toEqual({ code: 'tls-expiring-soon', severity: 'warning', params: { days: r.tlsDaysLeft, validTo: r.tlsValidTo!.slice(0, 10) } })
    expect(describeFinding(r.findings[0], 'sv').message).toMatch(/går ut om \d+ dagar? \(\d+ \p{L}+ \d{4}\)/u)
    expect(describeFinding(r.findings[0], 'en').message).toMatch(/expires in \d+ days? \(\d+ \p{L}+ \d{4}\)/u)
  })

  it.each([
    ['expired', 'tls-expired'],
    ['self', 'tls-untrusted'],
    ['wrong', 'tls-hostname'],
  ])('%s certificate → failing / %s', async (name, code) => {
    const r = await engine.probe(servers[name].url + '/file.csv')
    expect({ outcome: r.outcome, code: r.code }).toEqual({ outcome: 'failing', code })
    expect(servers[name].requests).toHaveLength(0) // nothing was sent over the rejected connection
    expect(r.tlsValidTo).not.toBeNull() // the certificate is still read, for its expiry date
  })

  it('checks the host name when it is a name, too (SNI path)', async () => {
    const named = createFetchEngine(http, {
      allowPrivateNetworks: true,
      ca: certs.ca,
      lookup: (_host, _o, cb) => cb(null, [{ address: '127.0.0.1', family: 4 }]),
    })
    try {
      expect((await named.probe(`https://localhost:${servers.valid.port}/file.csv`)).code).toBe('ok')
      expect((await named.probe(`https://localhost:${servers.wrong.port}/file.csv`)).code).toBe('tls-hostname')
      expect((await named.probe(`https://other.test:${servers.valid.port}/file.csv`)).code).toBe('tls-hostname')
    } finally {
      await named.close()
    }
  })

  it('an expired certificate reports when it expired', async () => {
    const r = await engine.probe(servers.expired.url + '/file.csv')
    expect(r.tlsDaysLeft).toBeLessThan(0)
    expect(r.findings).toEqual([{ code: 'tls-expired', severity: 'error', params: { errorCode: 'CERT_HAS_EXPIRED' } }])
  })

  it('a certificate from a CA we do not trust is tls-untrusted', async () => {
    const stranger = createFetchEngine(http, { allowPrivateNetworks: true })
    try {
      const r = await stranger.probe(servers.valid.url + '/file.csv')
      expect(r.code).toBe('tls-untrusted')
    } finally {
      await stranger.close()
    }
  })

  it('a handshake that fails (plain http on the https port) is tls-error', async () => {
    const r = await engine.probe(`https://127.0.0.1:${plain.port}/file.csv`)
    expect({ outcome: r.outcome, code: r.code }).toEqual({ outcome: 'failing', code: 'tls-error' })
  })

  it('flags a redirect from https down to http', async () => {
    const r = await engine.probe(servers.valid.url + '/to-http')
    expect(r.code).toBe('redirected')
    expect(r.finalUrl).toBe(`${plain.url}/file.csv`)
    expect(r.findings).toContainEqual({ code: 'https-downgrade', severity: 'warning', params: {} })
  })
})
