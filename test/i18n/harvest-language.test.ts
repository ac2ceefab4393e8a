import { afterAll, beforeAll, expect, it } from 'vitest'
import { defaultConfig } from '../../src/config/config.js'
import { createFetchEngine } from '../../src/fetch/create-fetch-engine.js'
import { harvestSource } from '../../src/harvest/harvest-source.js'
import type { Lang } from '../../src/i18n/lang.js'
import { getCatalogueHealth } from '../../src/read-model/catalogue-health.js'
import { createApp } from '../../src/web/create-app.js'
import { serve, send, type TestServer } from '../harvest/serve.js'
import { englishWords, swedishWords } from '../helpers/language.js'
import { describeEachDb } from '../helpers/test-db.js'
import { ownWords } from '../web/page-text.js'

/** Catalogues that cannot be harvested, each in its own way, by source id. */
const BROKEN: Record<string, { path: string; reason: string }> = {
  gone: { path: '/gone', reason: 'http-error' },
  html: { path: '/html', reason: 'html-page' },
  turtle: { path: '/bad.ttl', reason: 'parse-error' },
  cut: { path: '/cut.rdf', reason: 'truncated' },
  empty: { path: '/empty', reason: 'empty-body' },
}
const CUT = `<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:dcat="http://www.w3.org/ns/dcat#" xmlns:dct="http://purl.org/dc/terms/">
  <dcat:Dataset rdf:about="http://x.test/d"><dct:title>Halv</dct:title>`
/** Words an older version stored for a failed run, shown as they are (they are data now). */
const LEGACY = 'Kunde inte hämta katalogen: anslutningen vägrades'

let server: TestServer

beforeAll(async () => {
  server = await serve((_req, res, url) => {
    if (url.pathname === '/html') return send(res, '<!DOCTYPE html><html><body>Sidan finns inte</body></html>', 'text/html')
    if (url.pathname === '/bad.ttl') return send(res, '@prefix dcat: <http://www.w3.org/ns/dcat#> .\n<http://x.test/d> a dcat:Dataset ;\n  dcat:title "x" "y" .\n', 'text/turtle')
    if (url.pathname === '/cut.rdf') return send(res, CUT)
    if (url.pathname === '/empty') return send(res, '', 'text/plain')
    return false
  })
})
afterAll(async () => {
  await server?.close()
})

/** The text with the harvested data (the catalogues' addresses, source ids, stored words) taken out. */
function withoutData(text: string): string {
  return text
    .replace(/https?:\/\/127\.0\.0\.1:\d+\/\S*/g, ' ')
    .split(LEGACY)
    .join(' ')
    .replace(new RegExp(`\\b(${[...Object.keys(BROKEN), 'old'].join('|')})\\b`, 'g'), ' ')
}

describeEachDb('a failed harvest speaks the reader’s language', (t) => {
  beforeAll(async () => {
    const engine = createFetchEngine({ ...defaultConfig.http, perHostGapMs: 0 }, { allowPrivateNetworks: true })
    try {
      for (const [id, { path }] of Object.entries(BROKEN)) {
        const r = await harvestSource(t().db, { id, kind: 'dcat', url: `${server.origin}${path}` }, { fetchDocument: (u, o) => engine.fetchDocument(u, o), harvest: defaultConfig.harvest })
        expect(r.status).toBe('failed')
      }
    } finally {
      await engine.close()
    }
  }, 120_000)

  it('stores a broken catalogue’s failure as a code with params, never words', async () => {
    const runs = await t().db.selectFrom('harvest_runs').select(['source_id', 'status', 'error', 'error_code', 'error_params']).execute()
    for (const [id, { path, reason }] of Object.entries(BROKEN)) {
      const run = runs.find((r) => r.source_id === id)
      expect(run, id).toMatchObject({ status: 'failed', error: null, error_code: reason, error_params: expect.objectContaining({ url: `${server.origin}${path}` }) })
    }
    expect(runs.find((r) => r.source_id === 'gone')?.error_params).toMatchObject({ status: 404 })
    expect(runs.find((r) => r.source_id === 'turtle')?.error_params).toMatchObject({ syntax: 'Turtle', line: 3 })
  })

  it.each([
    ['en', swedishWords, 'answered HTTP 404', 'is not valid Turtle (line 3)'],
    ['sv', englishWords, 'svarade HTTP 404', 'är inte giltig Turtle (rad 3)'],
  ] as const)('the region page and the API in %s show the failures in that language only', async (lang: Lang, otherWords, http, parse) => {
    const app = createApp({ db: t().db, lang: lang === 'en' ? 'sv' : 'en' })
    const page = await (await app.request(`/?lang=${lang}`)).text()
    const table = /<table id="catalogues">[\s\S]*?<\/table>/.exec(page)?.[0] ?? ''
    const pageWords = withoutData(ownWords(table, []))
    expect(pageWords).toContain(http)
    expect(pageWords).toContain(parse)
    expect(otherWords(pageWords), pageWords).toEqual([])

    const region = (await (await app.request(`/api/region?lang=${lang}`)).json()) as { catalogues: { sourceId: string; error: string | null; errorCode: string | null }[] }
    const errors = region.catalogues.filter((c) => c.sourceId in BROKEN)
    expect(errors.map((c) => c.errorCode).sort()).toEqual(Object.values(BROKEN).map((b) => b.reason).sort())
    const apiWords = withoutData(errors.map((c) => c.error).join(' \n'))
    expect(apiWords).toContain(http)
    expect(otherWords(apiWords), apiWords).toEqual([])

    const runs = (await (await app.request(`/api/harvest-runs?lang=${lang}`)).json()) as { runs: { source_id: string; error: string | null }[] }
    const runWords = withoutData(runs.runs.filter((r) => r.source_id in BROKEN).map((r) => r.error).join(' \n'))
    expect(runWords).toContain(parse)
    expect(otherWords(runWords), runWords).toEqual([])
  })

  it('shows a run stored as words by an older version as it was, under a generic code', async () => {
    await t().db.insertInto('catalogue_sources').values({ id: 'old', kind: 'dcat', url: 'http://127.0.0.1:9/old.rdf' }).execute()
    await t().db.insertInto('harvest_runs').values({ source_id: 'old', status: 'failed', finished_at: new Date(), error: LEGACY, error_code: 'fetch-failed' }).execute()
    for (const lang of ['sv', 'en'] as const) {
      const old = (await getCatalogueHealth(t().db, lang)).find((c) => c.sourceId === 'old')
      expect(old).toMatchObject({ status: 'failed', errorCode: 'legacy-text', error: LEGACY })
    }
  })
})
