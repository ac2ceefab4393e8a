import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { defaultConfig, type HttpConfig } from '../../src/config/config.js'
import { isForbiddenAddress } from '../../src/fetch/address-guard.js'
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

  it.each(['93.184.216.34', '8.8.8.8', '172.32.0.1', '100.128.0.1', '192.169.0.1', '2001:4860:4860::8888'])(
    'allows %s',
    (a) => expect(isForbiddenAddress(a)).toBe(false),
  )
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
