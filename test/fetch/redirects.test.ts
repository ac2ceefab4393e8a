/**
 * Redirects read as browsers read them (src/fetch/location-url.ts), on a loopback server
 * that writes its `Location` headers byte for byte.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { defaultConfig } from '../../src/config/config.js'
import { createFetchEngine, type CreatedFetchEngine } from '../../src/fetch/create-fetch-engine.js'
import { decodeHeaderBytes, locationUrl } from '../../src/fetch/location-url.js'
import { rawAnswer, startRawServer, type RawServer } from './raw-server.js'

const csv = 'kommun,antal\nBorås,113000\n'
const utf8 = (s: string) => Buffer.from(s, 'utf8')
const latin1 = (s: string) => Buffer.from(s, 'latin1')
const moved = (...locations: Buffer[]) => rawAnswer('302 Found', locations.map((l) => Buffer.concat([Buffer.from('Location: '), l])))
const file = () => rawAnswer('200 OK', ['content-type: text/csv; charset=utf-8'], csv)

/** What each raw redirect sends, and the request target it must lead to. */
const redirects: Record<string, { location: Buffer[]; leadsTo: string }> = {
  '/utf8': { location: [utf8('/filer/Skolor å.csv')], leadsTo: '/filer/Skolor%20%C3%A5.csv' },
  '/latin1': { location: [latin1('/filer/Skolor å.csv')], leadsTo: '/filer/Skolor%20%E5.csv' },
  '/dir/relative': { location: [utf8('data/ä.csv')], leadsTo: '/dir/data/%C3%A4.csv' },
  '/spaces': { location: [utf8('  /mapp med mellanslag/f.csv  ')], leadsTo: '/mapp%20med%20mellanslag/f.csv' },
  '/backslash': { location: [utf8('\\filer\\b.csv')], leadsTo: '/filer/b.csv' },
  '/query': { location: [utf8('/sök?q=Borås&x=a b')], leadsTo: '/s%C3%B6k?q=Bor%C3%A5s&x=a%20b' },
  '/fragment': { location: [utf8('/f.csv#rad=2')], leadsTo: '/f.csv' },
  '/same-twice': { location: [utf8('/twice.csv'), utf8('/twice.csv')], leadsTo: '/twice.csv' },
}

let server: RawServer
let engine: CreatedFetchEngine

beforeAll(async () => {
  const targets = new Set(Object.values(redirects).map((r) => r.leadsTo))
  server = await startRawServer((target) => {
    const r = redirects[target]
    if (r) return moved(...r.location)
    if (target === '/different-twice') return moved(utf8('/a.csv'), utf8('/b.csv'))
    if (target === '/keep-fragment') return moved(utf8('/f.csv'))
    if (targets.has(target) || target === '/a.csv' || target === '/b.csv') return file()
    return rawAnswer('404 Not Found', ['content-type: text/plain'], 'no')
  })
  engine = createFetchEngine({ ...defaultConfig.http, perHostGapMs: 0 }, { allowPrivateNetworks: true })
})
afterAll(async () => {
  await engine.close()
  await server.close()
})

describe('a Location header is read as a browser reads it', () => {
  it.each(Object.entries(redirects))('%s leads where a browser goes', async (path, { leadsTo }) => {
    const before = server.targets.length
    const r = await engine.probe(server.url + path)
    expect({ code: r.code, redirects: r.redirects }).toEqual({ code: 'redirected', redirects: 1 })
    expect(server.targets.slice(before)).toEqual([path, leadsTo])
    expect(r.finalUrl?.startsWith(server.url + leadsTo)).toBe(true)
  })

  it('keeps the fragment of the Location, or else the one asked for', async () => {
    expect((await engine.probe(server.url + '/fragment')).finalUrl).toBe(`${server.url}/f.csv#rad=2`)
    expect((await engine.probe(server.url + '/keep-fragment#topp')).finalUrl).toBe(`${server.url}/f.csv#topp`)
  })

  it('several different Location headers are a network error, as the Fetch standard says', async () => {
    const before = server.targets.length
    const r = await engine.probe(server.url + '/different-twice')
    expect({ outcome: r.outcome, code: r.code, httpStatus: r.httpStatus }).toEqual({ outcome: 'failing', code: 'http-3xx', httpStatus: 302 })
    expect(server.targets.slice(before)).toEqual(['/different-twice'])
  })

  it('fetchBody and fetchDocument follow the same Location', async () => {
    const doc = await engine.fetchDocument(server.url + '/utf8', { maxBytes: 10_000 })
    expect({ status: doc.status, finalUrl: doc.finalUrl, body: doc.body.toString('utf8') }).toEqual({ status: 200, finalUrl: `${server.url}/filer/Skolor%20%C3%A5.csv`, body: csv })
    const body = await engine.fetchBody(server.url + '/latin1', { maxBytes: 10_000 })
    const chunks: Uint8Array[] = []
    for await (const c of body.body) chunks.push(c)
    expect(Buffer.concat(chunks).toString('utf8')).toBe(csv)
  })
})

describe('locationUrl', () => {
  const base = new URL('https://kommun.se/a/b.csv?x=1#f')
  it('gives null without a Location and failure for one that is no URL', () => {
    expect(locationUrl(undefined, base)).toBeNull()
    expect(locationUrl([], base)).toBeNull()
    expect(locationUrl('http://[::1', base)).toBe('failure')
  })
  it('reads raw UTF-8 bytes as UTF-8, and keeps other bytes percent-encoded', () => {
    expect(decodeHeaderBytes(utf8('/å').toString('latin1'))).toBe('/å')
    expect(decodeHeaderBytes(latin1('/å').toString('latin1'))).toBe('/%E5')
    expect(String(locationUrl(utf8('https://exämple.se/ö').toString('latin1'), base))).toBe('https://xn--exmple-cua.se/%C3%B6#f')
  })
})
