import { describe, expect, it } from 'vitest'
import { json } from '../../src/db/json.js'
import { computeScores } from '../../src/scoring/compute-scores.js'
import { FILES_PER_GROUP, FILES_PER_PAGE } from '../../dashboards/problem-groups.js'
import { datasetRow, DAY_2, distributionRow } from './seed-pages.js'
import { useSeededApp } from './seeded-app.js'

/**
 * An organisation's problems by cause, when one cause has many files: the list of causes
 * shows each cause's worst files and links to all of them; `?cause=` shows that one cause,
 * its files paged, with the way back. Served as the organisation page serves them.
 */

const ORG = 'http://dataportal.se/organisation/SE2120009999'
const FILES = FILES_PER_PAGE + 5
const q = encodeURIComponent

const web = useSeededApp({
  deps: { lang: 'en' },
  prepare: async (t) => {
    await t.db.insertInto('organisations').values({ iri: ORG, name: json({ sv: 'Mångfils kommun' }) }).execute()
    const datasets = Array.from({ length: FILES }, (_, i) => datasetRow(`https://catalog.example/ds/many-${String(i).padStart(3, '0')}`, ORG, { sv: `Många ${i}` }, {}))
    await t.db.insertInto('datasets').values(datasets).execute()
    const files = datasets.map((d, i) => distributionRow(`${d.iri}/csv`, d.iri, `http://127.0.0.5/${i}.csv`, 'text/csv'))
    await t.db.insertInto('distributions').values(files).execute()
    const findings = json([{ code: 'empty-body', severity: 'error', params: {} }])
    await t.db
      .insertInto('check_results')
      .values(files.map((f) => ({ run_id: null, distribution_iri: f.iri, dataset_iri: f.dataset_iri, check_id: 'encoding', dimension: 'format' as const, status: 'fail' as const, findings, metrics: json({}), facts: json({}), at: DAY_2 })))
      .execute()
    await computeScores({ db: t.db, now: DAY_2 })
  },
})

const html = async (path: string) => {
  const res = await web.app.request(path)
  expect(res.status, path).toBe(200)
  return res.text()
}
/** The table rows (head included) of the empty-body cause on a page. */
const rowsOf = (page: string) => (/<details class="problem-group" data-code="empty-body"[^>]*>[\s\S]*?<\/details>/.exec(page)?.[0] ?? '').match(/<tr>/g)?.length ?? 0
const page = `/organisation?iri=${q(ORG)}`
const cause = `${page}&cause=${q('format:encoding:empty-body')}`

describe('the causes of an organisation with many files', () => {
  it("shows a cause's worst files and links to all of them", async () => {
    const list = await html(page)
    expect(rowsOf(list)).toBe(FILES_PER_GROUP + 1)
    expect(list).toContain(`The ${FILES_PER_GROUP} worst of ${FILES} are shown here.`)
    expect(list).toContain(`<a href="${cause.replace('&', '&amp;')}#problems">Show all ${FILES}</a>`)
  })

  it('shows one cause open, its files a page at a time, with the way back to every cause', async () => {
    const first = await html(cause)
    expect(first).toContain(`One cause: rows 1–${FILES_PER_PAGE} of ${FILES}.`)
    expect(first).toMatch(/<details class="problem-group" data-code="empty-body" open="">/)
    expect(rowsOf(first)).toBe(FILES_PER_PAGE + 1)
    expect(first).toContain(`<a href="${page}#problems">Back to every cause (${FILES} problems)</a>`)
    expect(first).toContain(`${cause.replace('&', '&amp;')}&amp;files-page=2#problems`)
    const second = await html(`${cause}&files-page=2`)
    expect(second).toContain(`One cause: rows ${FILES_PER_PAGE + 1}–${FILES} of ${FILES}.`)
    expect(rowsOf(second)).toBe(FILES - FILES_PER_PAGE + 1)
    expect(await html(`${cause}&lang=sv`)).toContain(`En orsak: rad 1–${FILES_PER_PAGE} av ${FILES}.`)
  })

  it('says so when the cause in a link is gone, and lists the causes there are', async () => {
    const gone = await html(`${page}&cause=${q('format:encoding:fixed-long-ago')}`)
    expect(gone).toContain('The cause in the link is no longer among the organisation')
    expect(rowsOf(gone)).toBe(FILES_PER_GROUP + 1)
    expect(await html(`${page}&cause=x&lang=sv`)).toContain('Orsaken i länken finns inte längre')
  })
})
