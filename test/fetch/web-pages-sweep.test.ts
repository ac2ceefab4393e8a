/**
 * A sweep passes what the catalogue promises (src/domain/expects-data-file.ts) to each
 * probe: the same web page is failing behind a downloadURL or a declared data format, and
 * ok behind an accessURL that is the dataset's landing page or a format declared as HTML.
 * Real database (PGlite or PostgreSQL), real loopback server.
 */
import { afterAll, beforeAll, expect, it } from 'vitest'
import { defaultConfig, type HttpConfig } from '../../src/config/config.js'
import { createFetchEngine } from '../../src/fetch/create-fetch-engine.js'
import { runSweep } from '../../src/queue/run-sweep.js'
import { emptyDatasetColumns, emptyDistributionColumns } from '../helpers/empty-dataset-columns.js'
import { describeEachDb } from '../helpers/test-db.js'
import { startServer, type LoopbackServer } from './loopback-server.js'

let server: LoopbackServer
beforeAll(async () => {
  server = await startServer((req, res) => {
    if (req.url === '/skolor.csv') return void res.writeHead(302, { location: '/Account/Login?ReturnUrl=%2Fskolor.csv' }).end()
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<!DOCTYPE html><html><head><title>Skolor</title></head><body><h1>Skolor</h1></body></html>')
  })
})
afterAll(() => server.close())

const http: HttpConfig = { ...defaultConfig.http, perHostGapMs: 0 }

describeEachDb('a sweep judges a web page by what the catalogue promises', (getDb) => {
  it('failing behind a downloadURL or a data format; ok behind a landing page or an HTML format', async () => {
    const { db } = getDb()
    const page = `${server.url}/dataset/skolor`
    await db.insertInto('catalogue_sources').values({ id: 'pages', kind: 'dcat', url: `${server.url}/catalog` }).execute()
    await db.insertInto('datasets').values({ iri: 'urn:ds', source_id: 'pages', record_hash: 'x', ...emptyDatasetColumns(), landing_page: page }).execute()
    const dist = (iri: string, d: { download?: string; access?: string; format?: string; media?: string }) => ({
      iri,
      dataset_iri: 'urn:ds',
      download_url: d.download ?? null,
      access_url: d.access ?? null,
      host: server.host,
      format: d.format ?? null,
      media_type: d.media ?? null,
      record_hash: 'x',
      ...emptyDistributionColumns(),
    })
    await db
      .insertInto('distributions')
      .values([
        dist('urn:download', { download: `${server.url}/skolor.csv`, format: 'text/csv' }),
        dist('urn:access-format', { access: `${server.url}/data/skolor`, media: 'text/csv' }),
        dist('urn:access-landing', { access: page, format: 'text/csv' }),
        dist('urn:html-format', { download: `${server.url}/karta`, format: 'http://publications.europa.eu/resource/authority/file-type/HTML' }),
        dist('urn:access-no-format', { access: `${server.url}/om` }),
      ])
      .execute()
    const engine = createFetchEngine(http, { allowPrivateNetworks: true })
    try {
      const run = await runSweep({ db, engine, config: { ...defaultConfig, http, availability: defaultConfig.availability }, trigger: 'test' })
      const rows = await db.selectFrom('probes').select(['distribution_iri', 'outcome', 'code']).where('sweep_id', '=', run.summary.sweepId).orderBy('distribution_iri').execute()
      expect(rows.map((r) => [r.distribution_iri, r.outcome, r.code])).toEqual([
        ['urn:access-format', 'failing', 'landing-page'],
        ['urn:access-landing', 'ok', 'ok'],
        ['urn:access-no-format', 'ok', 'ok'],
        ['urn:download', 'failing', 'login-wall'],
        ['urn:html-format', 'ok', 'ok'],
      ])
    } finally {
      await engine.close()
    }
  })
})
