import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sql } from 'kysely'
import { createTestDb, type TestDb } from '../helpers/test-db.js'
import { getProblems } from '../../src/read-model/problems.js'
import { readOrganisation } from '../../src/read-model/organisation.js'
import { SCORING_VERSION } from '../../src/scoring/scoring-version.js'
import { createApp } from '../../src/web/create-app.js'
import { DIST_A, DIST_A_JSON, DS_A, ORG_A, seedPages } from '../web/seed-pages.js'

let t: TestDb

beforeAll(async () => {
  t = await createTestDb()
  await seedPages(t.db)
})

afterAll(async () => {
  await t?.drop()
})

const pairs = (ps: { distributionIri: string; code: string }[]) => ps.map((p) => `${p.distributionIri} ${p.code}`)

describe('the one problems read', () => {
  it('lists every reason of the current scores worst first, for an organisation or a dataset', async () => {
    const problems = await getProblems(t.db, { organisationIri: ORG_A, lang: 'en' })
    expect(pairs(problems)).toEqual([`${DIST_A} empty-body`, `${DIST_A} truncated`, `${DIST_A_JSON} invalid-url`, `${DIST_A} invalid-url`])
    expect(problems.map((p) => p.totalPointsToGain)).toEqual([...problems.map((p) => p.totalPointsToGain)].sort((a, b) => b - a))
    expect(problems[0]).toMatchObject({ datasetIri: DS_A, datasetTitle: 'Bathing places', url: 'http://127.0.0.2/bad.csv', organisationIri: ORG_A })
    expect((await getProblems(t.db, { datasetIri: DS_A, lang: 'sv' }))[0].datasetTitle).toBe('Badplatser')
    expect(await getProblems(t.db, { organisationIri: ORG_A, limit: 2 })).toHaveLength(2)
    await expect(getProblems(t.db, {})).rejects.toThrow(RangeError)
  })

  it('never lists a problem twice when an older scoring version left its rows in scores', async () => {
    const before = pairs(await getProblems(t.db, { organisationIri: ORG_A }))
    // What a SCORING_VERSION bump leaves behind: every current row, again, under the old version.
    await sql`
      insert into scores (distribution_iri, scoring_version, dataset_iri, organisation_iri, availability, freshness, format, conformance, metadata, total, reasons, at)
      select distribution_iri, '2000-01.1', dataset_iri, organisation_iri, availability, freshness, format, conformance, metadata, total, reasons, at
      from scores where scoring_version = ${SCORING_VERSION}`.execute(t.db)
    const { n } = await t.db.selectFrom('scores').select((eb) => eb.fn.countAll<number>().as('n')).where('organisation_iri', '=', ORG_A).executeTakeFirstOrThrow()
    expect(Number(n)).toBe(4) // two files, each under two versions

    expect(pairs(await getProblems(t.db, { organisationIri: ORG_A }))).toEqual(before)
    expect(pairs((await readOrganisation(t.db, ORG_A, 'sv'))!.problems)).toEqual(before)

    // And so through the page and the API, which read it.
    const app = createApp({ db: t.db, lang: 'en' })
    const page = await (await app.request(`/organisation?iri=${encodeURIComponent(ORG_A)}`)).text()
    // Grouped by cause: every problem is one body row in its cause's table, and the count says so.
    const groups = page.match(/<details class="problem-group"[\s\S]*?<\/details>/g) ?? []
    expect(groups.map((g) => g.match(/<tbody>[\s\S]*?<\/tbody>/)?.[0].match(/<tr>/g)?.length ?? 0).reduce((a, b) => a + b, 0)).toBe(before.length)
    expect(page).toMatch(new RegExp(`${before.length} problems in all\\.`))
    const api = (await (await app.request(`/api/problems?organisation=${encodeURIComponent(ORG_A)}`)).json()) as { total: number }
    expect(api.total).toBe(before.length)
  })

  it('leaves out the files withdrawn since they were scored', async () => {
    await t.db.updateTable('distributions').set({ withdrawn_at: new Date('2026-11-21T00:00:00Z') }).where('iri', '=', DIST_A_JSON).execute()
    const problems = await getProblems(t.db, { organisationIri: ORG_A })
    expect(problems.map((p) => p.distributionIri)).not.toContain(DIST_A_JSON)
    expect(problems.length).toBeGreaterThan(0)
  })
})
