/**
 * The world's raw-byte redirects and web pages where a file is promised
 * (src/demo/web-page-defects.ts): the exact bytes on the wire, and what the fetch engine
 * concludes, which must be the ground truth.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connect } from 'node:net'
import { defaultConfig } from '../../src/config/config.js'
import { startWorld, type World } from '../../src/demo/start-world.js'
import { createFetchEngine, type CreatedFetchEngine } from '../../src/fetch/create-fetch-engine.js'
import { entryWith } from './world-helpers.js'

let world: World
let engine: CreatedFetchEngine

beforeAll(async () => {
  world = await startWorld({ seed: 7, slowMs: 3_000 })
  engine = createFetchEngine({ ...defaultConfig.http, perHostGapMs: 0 }, { allowPrivateNetworks: true })
})
afterAll(async () => {
  await engine.close()
  await world.close()
})

/** The raw head of the answer to GET `url`, as bytes. */
function rawHead(url: string): Promise<Buffer> {
  const u = new URL(url)
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    const socket = connect(Number(u.port), u.hostname, () => socket.write(`GET ${u.pathname}${u.search} HTTP/1.1\r\nHost: ${u.host}\r\nConnection: close\r\n\r\n`))
    socket.on('data', (c: Buffer) => chunks.push(c))
    socket.on('end', () => {
      const all = Buffer.concat(chunks)
      resolve(all.subarray(0, all.indexOf('\r\n\r\n')))
    })
    socket.on('error', reject)
  })
}

describe('raw-byte redirects: a browser follows them, and so does datavakt', () => {
  it.each([
    ['redirect-raw-utf8', Buffer.from('å', 'utf8'), '%C3%A5'],
    ['redirect-raw-latin1', Buffer.from([0xe5]), '%E5'],
  ] as const)('%s: Location holds raw bytes; the probe lands on the file', async (defect, bytes, encoded) => {
    const e = entryWith(world, defect)
    const head = await rawHead(e.url)
    const location = head.subarray(head.indexOf('location: ') + 10)
    expect(location.includes(bytes)).toBe(true)
    expect(location.includes(Buffer.from('%'))).toBe(false)
    const r = await engine.probe(e.url, { expectData: true })
    expect({ outcome: r.outcome, code: r.code }).toEqual({ outcome: e.expected.outcome, code: e.expected.code })
    expect(r.code).toBe('redirected')
    expect(r.finalUrl).toContain(`/Statistik%20${encoded}r%20`)
    expect(r.contentType).toMatch(/text\/csv/)
  })
})

describe('web pages where the catalogue promises a file are failing with their own code', () => {
  it.each([
    ['sign-in-redirect', 'login-wall'],
    ['portal-front-page', 'landing-page'],
    ['soft-404-html', 'soft-404'],
    ['declared-json-serves-html', 'landing-page'],
  ] as const)('%s → failing / %s, as the ground truth says', async (defect, code) => {
    const e = entryWith(world, defect)
    expect(e.expected).toMatchObject({ outcome: 'failing', code })
    const r = await engine.probe(e.url, { expectData: true })
    expect({ outcome: r.outcome, code: r.code }).toEqual({ outcome: 'failing', code })
  })

  it('the sign-in page is a SAML sign-in with a password field', async () => {
    const r = await engine.probe(entryWith(world, 'sign-in-redirect').url)
    expect(r.redirectChain.at(-1)!.url).toMatch(/\/sso\/\d+\/saml\?SAMLRequest=/)
    expect(r.webPage).toBe('login-wall')
  })
})
