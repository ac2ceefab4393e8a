import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { defaultConfig, type HttpConfig } from '../../src/config/config.js'
import {
  assertAllowedAddress,
  ForbiddenTargetError,
  guardedLookup,
  isForbiddenAddress,
  type AddressPolicy,
  type LookupAllFunction,
} from '../../src/fetch/address-guard.js'
import { createFetchEngine, type CreatedFetchEngine } from '../../src/fetch/create-fetch-engine.js'
import { FetchBodyError } from '../../src/fetch/fetch-engine.js'
import { describeFinding } from '../../src/i18n/catalogue.js'
import { startServer, type LoopbackServer } from './loopback-server.js'

const http: HttpConfig = { ...defaultConfig.http, perHostGapMs: 0, headersTimeoutMs: 2_000 }

describe('isForbiddenAddress', () => {
  // Judged as strings only: no test ever connects to an address outside loopback.
  it.each([
    '127.0.0.1', '127.8.9.10', '0.0.0.0', '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.1',
    '169.254.169.254', '169.254.0.1', '100.64.0.1', '100.127.255.254', '224.0.0.1', '239.255.255.250',
    '255.255.255.255', '240.0.0.1',
    '::1', '::', '[::1]', 'fc00::1', 'fd12:3456::1', 'fe80::1', 'ff02::1',
    '::ffff:127.0.0.1', '::ffff:7f00:1', '::ffff:10.0.0.1', '::ffff:a9fe:a9fe', '64:ff9b::a9fe:a9fe', '2002:7f00:1::1',
    'not-an-ip',
  ])('refuses %s', (a) => expect(isForbiddenAddress(a)).toBe(true))

  it.each([
    // The rest of the IANA special-purpose ranges (issue 10, item 13), with their edges.
    ['::ffff:8.8.8.8', 'IPv4-mapped, whatever it carries'],
    ['::ffff:0:0', 'IPv4-mapped, first'],
    ['::ffff:ffff:ffff', 'IPv4-mapped, last'],
    ['64:ff9b:1::1', 'local-use NAT64'],
    ['64:ff9b:1:ffff:ffff:ffff:ffff:ffff', 'local-use NAT64, last'],
    ['2001::1', 'Teredo'],
    ['2001:0:ffff:ffff:ffff:ffff:ffff:ffff', 'Teredo, last'],
    ['100::1', 'discard-only'],
    ['100::ffff:ffff:ffff:ffff', 'discard-only, last'],
    ['192.0.2.0', 'TEST-NET-1, first'],
    ['192.0.2.255', 'TEST-NET-1, last'],
    ['198.51.100.7', 'TEST-NET-2'],
    ['203.0.113.255', 'TEST-NET-3, last'],
    ['2001:db8::1', 'IPv6 documentation'],
    ['2001:db8:ffff:ffff:ffff:ffff:ffff:ffff', 'IPv6 documentation, last'],
    ['[2001:db8::1]', 'IPv6 documentation, bracketed'],
  ])('refuses %s (%s)', (a) => expect(isForbiddenAddress(a)).toBe(true))

  it.each([
    '93.184.216.34', '8.8.8.8', '172.32.0.1', '100.128.0.1', '192.169.0.1', '2001:4860:4860::8888',
    // Just outside each new range: public addresses stay reachable.
    '192.0.3.1', '192.0.1.255', '198.51.101.1', '198.51.99.255', '203.0.114.1', '203.0.112.255',
    '2001:db9::1', '2001:db7:ffff::1', '2001:1::1', '100::1:0:0:0:1', '101::1', '64:ff9b:2::1',
    // Well-known NAT64 and 6to4 carrying a public IPv4 address: judged by that address.
    '64:ff9b::808:808', '2002:808:808::1',
  ])('allows %s', (a) => expect(isForbiddenAddress(a)).toBe(false))

  const newRanges = ['192.0.2.1', '198.51.100.1', '203.0.113.1', '2001:db8::1', '::ffff:8.8.8.8', '64:ff9b:1::1', '2001::1', '100::1']

  it('refuses them as literals and after DNS, unless private targets are allowed', async () => {
    const lookupAll: LookupAllFunction = (hostname, _o, cb) => cb(null, [{ address: hostname.replace(/^name-/, ''), family: hostname.includes(':') ? 6 : 4 }])
    const resolve = (policy: AddressPolicy, name: string) =>
      new Promise<string>((done) => guardedLookup(policy, lookupAll)(name, { all: true }, (err, addresses) => done(err ? (err as Error).name : (addresses as { address: string }[])[0].address)))
    for (const a of newRanges) {
      expect(() => assertAllowedAddress(a.includes(':') ? `[${a}]` : a, { allowPrivateNetworks: false })).toThrow(ForbiddenTargetError)
      expect(() => assertAllowedAddress(a, { allowPrivateNetworks: true })).not.toThrow()
      expect(await resolve({ allowPrivateNetworks: false }, `name-${a}`)).toBe('ForbiddenTargetError')
      expect(await resolve({ allowPrivateNetworks: true }, `name-${a}`)).toBe(a)
    }
  })

  it('an engine reports a URL naming one as forbidden-target, before any packet', async () => {
    const e = createFetchEngine(http, { allowPrivateNetworks: false })
    try {
      for (const a of newRanges) {
        const r = await e.probe(`http://${a.includes(':') ? `[${a}]` : a}:9/x.csv`)
        expect({ a, code: r.code, outcome: r.outcome }).toEqual({ a, code: 'forbidden-target', outcome: 'failing' })
      }
    } finally {
      await e.close()
    }
  })
})

describe('the engine refuses private targets before connecting', () => {
  let target: LoopbackServer // what an attacker wants to reach: must never see a connection
  let front: LoopbackServer // a "public" server (127.0.0.2, exempted) that redirects inward
  let guarded: CreatedFetchEngine

  beforeAll(async () => {
    target = await startServer((_req, res) => res.end('secret'))
    front = await startServer(
      (req, res) => {
        const to = new URL(req.url ?? '/', 'http://x').searchParams.get('to')
        if (to) return void res.writeHead(302, { location: to }).end()
        res.end('a,b\n1,2\n')
      },
      { address: '127.0.0.2' },
    )
    guarded = createFetchEngine(http, {
      allowPrivateNetworks: false,
      allowAddresses: ['127.0.0.2'],
      lookup: (hostname, _o, cb) => {
        if (hostname === 'public.test') return cb(null, [{ address: '127.0.0.2', family: 4 }])
        if (hostname === 'rebind.test') return cb(null, [{ address: '127.0.0.1', family: 4 }])
        if (hostname === 'mixed.test') return cb(null, [{ address: '127.0.0.1', family: 4 }, { address: '127.0.0.2', family: 4 }])
        if (hostname === 'localhost') return cb(null, [{ address: '127.0.0.1', family: 4 }])
        cb(Object.assign(new Error('ENOTFOUND'), { code: 'ENOTFOUND' }), [])
      },
    })
  })
  afterAll(async () => {
    await guarded.close()
    await target.close()
    await front.close()
  })

  const refusedUrls = () => [
    `http://127.0.0.1:${target.port}/`,
    `http://127.1:${target.port}/`,
    `http://2130706433:${target.port}/`,
    `http://0x7f.0.0.1:${target.port}/`,
    `http://[::1]:${target.port}/`,
    `http://[::ffff:127.0.0.1]:${target.port}/`,
    `http://localhost:${target.port}/`,
    `http://rebind.test:${target.port}/`,
  ]

  it('refuses loopback targets however they are written, and names that resolve to them', async () => {
    for (const url of refusedUrls()) {
      const r = await guarded.probe(url)
      expect({ url, outcome: r.outcome, code: r.code }).toEqual({ url, outcome: 'failing', code: 'forbidden-target' })
    }
    expect(target.connections()).toBe(0)
  })

  it('refuses a redirect to 127.0.0.1, to localhost and to a name resolving to 127.0.0.1, at that hop', async () => {
    for (const to of [`http://127.0.0.1:${target.port}/`, `http://localhost:${target.port}/x`, `http://rebind.test:${target.port}/`]) {
      const r = await guarded.probe(`${front.url}/go?to=${encodeURIComponent(to)}`)
      expect({ to, code: r.code, redirects: r.redirects }).toEqual({ to, code: 'forbidden-target', redirects: 1 })
      expect(r.redirectChain[0]).toEqual({ url: `${front.url}/go?to=${encodeURIComponent(to)}`, status: 302 })
    }
    expect(target.connections()).toBe(0)
    expect(front.requests.length).toBe(3)
  })

  it('reaches an allowed address by IP and by name, and keeps only allowed addresses of a mixed name', async () => {
    expect((await guarded.probe(`${front.url}/data.csv`)).code).toBe('ok')
    expect((await guarded.probe(`http://public.test:${front.port}/data.csv`)).code).toBe('ok')
    // mixed.test → [127.0.0.1, 127.0.0.2]: the refused one is dropped, so we land on front.
    const mixed = await guarded.probe(`http://mixed.test:${front.port}/data.csv`)
    expect(mixed.code).toBe('ok')
    expect(target.connections()).toBe(0)
  })

  it('refuses a guarded target in fetchBody and fetchDocument too', async () => {
    const refused = (e: unknown) => e instanceof FetchBodyError && e.probeCode === 'forbidden-target' && e.code === 'fetch.no-body'
    await expect(guarded.fetchBody(`http://localhost:${target.port}/`, { maxBytes: 100 })).rejects.toSatisfy(refused)
    await expect(guarded.fetchDocument(`${front.url}/go?to=${encodeURIComponent(`http://127.0.0.1:${target.port}/`)}`, { maxBytes: 100 })).rejects.toSatisfy(refused)
    await expect(guarded.fetchDocument(`http://127.0.0.1:${target.port}/`, { maxBytes: 100 })).rejects.toSatisfy(refused)
    expect(target.connections()).toBe(0)
  })

  it('refuses localhost resolved by the system resolver (/etc/hosts), not only by an injected lookup', async () => {
    const plain = createFetchEngine(http, { allowPrivateNetworks: false })
    try {
      const r = await plain.probe(`http://localhost:${target.port}/`)
      expect(r.code).toBe('forbidden-target')
      expect(r.findings[0]).toMatchObject({ code: 'forbidden-target', severity: 'error', params: { host: 'localhost' } })
      expect(describeFinding(r.findings[0], 'sv').message).toMatch(/privat, lokalt.*\(localhost → 127\.0\.0\.1\)/)
      expect(describeFinding(r.findings[0], 'en').message).toMatch(/private, local.*\(localhost → 127\.0\.0\.1\)/)
      expect(target.connections()).toBe(0)
    } finally {
      await plain.close()
    }
  })

  it('allowPrivateNetworks lifts the guard', async () => {
    const open = createFetchEngine(http, { allowPrivateNetworks: true })
    try {
      const r = await open.probe(`http://127.0.0.1:${target.port}/`)
      expect(r.code).toBe('ok')
      expect(target.connections()).toBe(1)
    } finally {
      await open.close()
    }
  })
})
