import { describe, expect, it } from 'vitest'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { chooseEncoding } from '../../src/web/compression.js'
import { DS_A, ORG_A } from './seed-pages.js'
import { useSeededApp } from './seeded-app.js'

const web = useSeededApp({ deps: { lang: 'sv' } })

const ORG = `/api/organisation?iri=${encodeURIComponent(ORG_A)}`

describe('conventions of public reads', () => {
  it('an API read has an ETag and a Cache-Control, and a matching If-None-Match gets a 304 without a body', async () => {
    const first = await web.app.request(ORG)
    expect(first.status).toBe(200)
    const tag = first.headers.get('etag')
    expect(tag).toMatch(/^"[0-9a-f]+"$/)
    expect(first.headers.get('cache-control')).toBe('public, max-age=60')
    const again = await web.app.request(ORG, { headers: { 'If-None-Match': tag! } })
    expect(again.status).toBe(304)
    expect(await again.text()).toBe('')
    expect(again.headers.get('etag')).toBe(tag)
    expect(again.headers.get('cache-control')).toBe('public, max-age=60')
    const other = await web.app.request(`${ORG}&lang=en`, { headers: { 'If-None-Match': tag! } })
    expect(other.status).toBe(200) // other words, other tag
    expect(other.headers.get('etag')).not.toBe(tag)
  })

  it('a badge keeps its own Cache-Control and gets an ETag', async () => {
    const res = await web.app.request(`/badge/dataset.svg?iri=${encodeURIComponent(DS_A)}`)
    expect(res.headers.get('cache-control')).toBe('public, max-age=300')
    expect(res.headers.get('etag')).toBeTruthy()
  })

  it('errors are neither tagged nor cached', async () => {
    const res = await web.app.request('/api/organisation')
    expect(res.status).toBe(400)
    expect(res.headers.get('etag')).toBeNull()
    expect(res.headers.get('cache-control')).toBeNull()
  })

  it('compresses with brotli or gzip as asked, the same bytes once unpacked, with a weak ETag that still gives a 304', async () => {
    const plain = await (await web.app.request(ORG, { headers: { 'Accept-Encoding': 'identity' } })).text()
    expect(plain.length).toBeGreaterThan(1024)
    const br = await web.app.request(ORG, { headers: { 'Accept-Encoding': 'gzip, deflate, br' } })
    expect(br.headers.get('content-encoding')).toBe('br')
    expect(br.headers.get('vary')).toMatch(/Accept-Encoding/)
    const packed = Buffer.from(await br.arrayBuffer())
    expect(packed.length).toBeLessThan(plain.length / 2)
    expect(brotliDecompressSync(packed).toString('utf8')).toBe(plain)
    const gz = await web.app.request('/', { headers: { 'Accept-Encoding': 'gzip' } })
    expect(gz.headers.get('content-encoding')).toBe('gzip')
    expect(gunzipSync(Buffer.from(await gz.arrayBuffer())).toString('utf8')).toMatch(/^<html lang="sv">/)
    const weak = br.headers.get('etag')!
    expect(weak).toMatch(/^W\/"/)
    const notModified = await web.app.request(ORG, { headers: { 'Accept-Encoding': 'br', 'If-None-Match': weak } })
    expect(notModified.status).toBe(304)
  })

  it('sends small answers and unasked-for encodings as they are', async () => {
    const small = await web.app.request('/healthz', { headers: { 'Accept-Encoding': 'br' } })
    expect(small.headers.get('content-encoding')).toBeNull()
    expect(await small.json()).toEqual({ status: 'ok' })
    expect(chooseEncoding('gzip;q=1, br;q=0')).toBe('gzip')
    expect(chooseEncoding('*')).toBe('br')
    expect(chooseEncoding('identity')).toBeUndefined()
    expect(chooseEncoding(undefined)).toBeUndefined()
  })

  it('allows any origin to read the API and the badges, and answers a preflight, but not for pages', async () => {
    const res = await web.app.request('/api/region', { headers: { Origin: 'https://example.org' } })
    expect(res.headers.get('access-control-allow-origin')).toBe('*')
    expect(res.headers.get('access-control-expose-headers')).toMatch(/ETag/)
    const pre = await web.app.request('/api/region', { method: 'OPTIONS', headers: { Origin: 'https://example.org', 'Access-Control-Request-Method': 'GET' } })
    expect(pre.status).toBe(204)
    expect(pre.headers.get('access-control-allow-methods')).toMatch(/GET/)
    const page = await web.app.request('/', { headers: { Origin: 'https://example.org' } })
    expect(page.headers.get('access-control-allow-origin')).toBeNull()
  })
})
