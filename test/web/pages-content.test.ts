import { describe, expect, it } from 'vitest'
import type { Hono } from 'hono'
import { json } from '../../src/db/json.js'
import { emptyDatasetColumns } from '../helpers/empty-dataset-columns.js'
import { createApp } from '../../src/web/create-app.js'
import { leagueQuery } from '../../src/read-model/league-query.js'
import { withFirstSeen } from '../../src/read-model/problem-since.js'
import type { Problem } from '../../src/read-model/problems.js'
import { DAY_1, DIST_A, DIST_B, DS_A, DS_B, ORG_A, ORG_C } from './seed-pages.js'
import { seedFileHistory } from './pages-seed-history.js'
import { useSeededApp } from './seeded-app.js'

/** What each page shows, read from its HTML as served (the browser suites look at it in Chromium). */

const q = encodeURIComponent
const DAY = 86_400_000

const web = useSeededApp({
  deps: { lang: 'en' },
  prepare: async (t) => {
    await seedFileHistory(t.db)
    // Lerums kommun gets 55 datasets, so its list runs to two pages.
    const many = Array.from({ length: 55 }, (_, i) => ({
      iri: `https://catalog.example/ds/lerum-${String(i).padStart(2, '0')}`,
      source_id: 'vg',
      organisation_iri: ORG_C,
      publisher_iri: ORG_C,
      ...emptyDatasetColumns(),
      title: json({ sv: `Lerum ${String(i).padStart(2, '0')}` }),
      description: json({}),
      record_hash: 'x',
    }))
    await t.db.insertInto('datasets').values(many).execute()
  },
})

const html = async (path: string, a: Hono = web.app) => {
  const res = await a.request(path)
  expect(res.status, path).toBe(200)
  return res.text()
}
/** The organisation names of the league table, in the order shown. */
const league = (page: string) => [...(/<table id="organisations">([\s\S]*?)<\/table>/.exec(page)?.[1] ?? '').matchAll(/<td><a href="\/organisation[^"]*">([^<]*)<\/a><\/td>/g)].map((m) => m[1])

describe('the region page', () => {
  it('sorts the league by name or any score, either way, and narrows it by name', async () => {
    expect(league(await html('/?sort=name'))).toEqual(['Ale kommun', 'City of Gothenburg', 'Lerums kommun', 'Datasets without an organisation'])
    expect(league(await html('/?sort=-name'))).toEqual(['Lerums kommun', 'City of Gothenburg', 'Ale kommun', 'Datasets without an organisation'])
    // Worst total first by default, best first reversed; unscored (Lerums kommun) last either way.
    const byTotal = league(await html('/'))
    expect([byTotal[0], byTotal[3]]).toEqual(['City of Gothenburg', 'Lerums kommun'])
    expect(league(await html('/?sort=-total')).slice(2)).toEqual(['City of Gothenburg', 'Lerums kommun'])
    const found = await html('/?q=GOTHEN&sort=-metadata&days=30')
    expect(league(found)).toEqual(['City of Gothenburg'])
    expect(found).toContain('1 organisation of 4 shown.')
    expect(found).toContain('aria-sort="descending"')
    // The search form keeps the sort, the days and the language; sort links keep the search.
    for (const hidden of ['name="lang" value="en"', 'name="sort" value="-metadata"', 'name="days" value="30"']) expect(found).toContain(hidden)
    expect(found).toContain('href="/?q=GOTHEN&amp;sort=metadata&amp;days=30#organisations"')
    expect(await html('/?q=zzz')).toContain('No organisation&#39;s name holds &quot;zzz&quot;.')
    expect(leagueQuery('-nonsense', undefined)).toEqual({ sort: 'total', descending: false, q: '' })
  })

  it('shows the trend of each dimension and of broken files, with a 30/90/365-day switch', async () => {
    const page = await html('/?days=30&sort=name')
    for (const id of ['trend-total', 'trend-format', 'trend-conformance', 'trend-metadata', 'trend-broken']) {
      expect(page, id).toMatch(new RegExp(`id="${id}-title">[^<]+</title>`))
    }
    // No day has an availability or freshness score in the seed: no empty chart for them.
    expect(page).not.toContain('id="trend-availability"')
    expect(page).not.toContain('id="trend-freshness"')
    expect(page).toContain('<strong aria-current="true">30 days</strong>')
    expect(page).toContain('href="/?days=90&amp;sort=name#trends"')
    expect(page).toContain('href="/?days=365&amp;sort=name#trends"')
  })

  it('lists the most common problems and names catalogues by their organisations', async () => {
    const page = await html('/')
    const common = /<table id="common-problems">([\s\S]*?)<\/table>/.exec(page)?.[1] ?? ''
    expect(common).toContain('The address is not a valid http or https URL.')
    expect(common).toContain('2 files at 1 organisation')
    const catalogues = /<table id="catalogues">([\s\S]*?)<\/table>/.exec(page)?.[1] ?? ''
    expect(catalogues).toContain('>City of Gothenburg</a>')
    expect(catalogues).not.toMatch(/<td>vg<\/td>/)
  })
})

describe('the organisation page', () => {
  it('says since when each cause is seen, with its catalogues', async () => {
    const page = await html(`/organisation?iri=${q(ORG_A)}`)
    expect(page).toContain('since 19 November 2026') // the first results with these codes (DAY_1)
    expect(/<table id="catalogues">[\s\S]*?<\/table>/.test(page)).toBe(true)
  })

  it('pages a long list of datasets, keeping the other parameters', async () => {
    const first = await html(`/organisation?iri=${q(ORG_C)}`)
    expect(first).toContain('Datasets 1–50 of 55.')
    expect(first).toContain(`href="/organisation?iri=${q(ORG_C)}&amp;datasets-page=2#datasets"`)
    const second = await html(`/organisation?iri=${q(ORG_C)}&datasets-page=2`)
    expect(second).toContain('Datasets 51–55 of 55.')
    expect((/<table id="datasets-table">([\s\S]*?)<\/table>/.exec(second)?.[1] ?? '').match(/<tr>/g)).toHaveLength(6) // head and five
  })

  it('takes since when from the current run of results with the code', async () => {
    const at = (days: number) => new Date(DAY_1.getTime() + days * DAY)
    const result = (days: number, codes: string[]) => ({
      run_id: null,
      distribution_iri: DIST_B,
      dataset_iri: DS_B,
      check_id: 'row-check',
      dimension: 'conformance' as const,
      status: codes.length ? ('fail' as const) : ('pass' as const),
      findings: json(codes.map((code) => ({ code, severity: 'error', params: {} }))),
      metrics: json({}),
      facts: json({}),
      at: at(days),
    })
    await web.t.db.insertInto('check_results').values([result(1, ['truncated']), result(2, []), result(3, ['truncated']), result(4, ['truncated'])]).execute()
    const problem = { distributionIri: DIST_B, datasetIri: DS_B, checkId: 'row-check', code: 'truncated' } as Problem
    const [seen, never] = await withFirstSeen(web.t.db, [problem, { ...problem, code: 'other-code' }], at(10))
    expect(seen!.firstSeen).toEqual(at(3))
    expect(never!.firstSeen).toBeNull()
  })
})

describe('the dataset page', () => {
  it("shows each file's latest result per check in words, and links to each file's page", async () => {
    const page = await html(`/dataset?iri=${q(DS_A)}`)
    const card = /<div class="card distribution" data-distribution="https:\/\/catalog.example\/ds\/badplatser\/csv">([\s\S]*?)<\/table>/.exec(page)?.[1] ?? ''
    expect(card).toContain(`href="/distribution?iri=${q(DIST_A)}&amp;lang=en"`)
    expect(card).toContain('<a href="http://127.0.0.2/bad.csv">http://127.0.0.2/bad.csv</a>')
    expect(card).toMatch(/<tr data-check="encoding">[\s\S]*?failed[\s\S]*?The server answers OK but sends an empty file\./)
    expect(card).toMatch(/<tr data-check="csv-structure">[\s\S]*?failed/)
  })

  it("shows the trend of the dataset's total, a row a scored day", async () => {
    const page = await html(`/dataset?iri=${q(DS_A)}`)
    expect(page).toMatch(/id="trend-total-title">[^<]+<\/title>/)
    const table = /<details class="chart-data">([\s\S]*?)<\/details>/.exec(page)?.[1] ?? ''
    expect([...table.matchAll(/<tr><td>\d{4}-\d{2}-\d{2}<\/td>/g)]).toHaveLength(2)
  })

  it("gives the badge's embed lines with the public address from config, else the request's origin", async () => {
    const embedded = `https://datavakt.example/badge/dataset.svg?iri=${q(DS_A)}&amp;lang=en`
    const configured = await html(`/dataset?iri=${q(DS_A)}`, createApp({ db: web.t.db, lang: 'en', publicUrl: 'https://datavakt.example/' }))
    expect(configured).toContain(`<pre class="snippet" id="embed-markdown"><code>[![data quality](${embedded})](https://datavakt.example/dataset?iri=${q(DS_A)}&amp;lang=en)</code></pre>`)
    expect(configured).toContain(`&lt;img src=&quot;${embedded.replace(/&amp;/g, '&amp;amp;')}&quot; alt=&quot;data quality&quot;&gt;`)
    expect(await html(`/dataset?iri=${q(DS_A)}`)).toContain(`[![data quality](http://localhost/badge/dataset.svg?iri=${q(DS_A)}`)
  })
})

describe("a file's page", () => {
  it('shows its address as a link, its uptime over 30 and 90 days, its response times and its changes of state', async () => {
    const page = await html(`/distribution?iri=${q(DIST_A)}`)
    expect(page).toContain('<a href="http://127.0.0.2/bad.csv">http://127.0.0.2/bad.csv</a>')
    expect(page.match(/<div class="value">40 %<\/div>/g)).toHaveLength(2) // 2 of 5 probes answered, within 30 and 90 days
    expect(page).toMatch(/<svg[^>]*aria-labelledby="response-times-title"/)
    expect(page).toContain('<title id="response-times-title">Response time per day (median, milliseconds)</title>')
    const changes = /<table id="changes"[^>]*>([\s\S]*?)<\/table>/.exec(page)?.[1] ?? ''
    const rows = [...changes.matchAll(/<tr><td class="when">[^<]*<\/td><td>([\s\S]*?)<\/td><td>([\s\S]*?)<\/td>/g)].map((m) => `${m[1].replace(/<[^>]*>/g, '')} → ${m[2].replace(/<[^>]*>/g, '')}`)
    expect(rows).toEqual(['degraded → broken', 'working → degraded', '(first probe) → working'])
    expect(page).toMatch(/<tr data-check="encoding">[\s\S]*?failed/)
  })

  it('is a 404 page for an IRI that names no file', async () => {
    const res = await web.app.request('/distribution?iri=urn:none')
    expect(res.status).toBe(404)
    expect(await res.text()).toContain('No file with the IRI urn:none is known here.')
  })
})
