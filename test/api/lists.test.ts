import { describe, expect, it } from 'vitest'
import { csvCell, csvDocument, fieldColumns, timeColumns } from '../../src/api/csv.js'
import { encodeCursor } from '../../src/api/list-answer.js'
import { json } from '../../src/db/json.js'
import { DS_A, ORG_A } from '../web/seed-pages.js'
import { useSeededApp } from '../web/seeded-app.js'
import { conformingRequest } from './conformance.js'

const web = useSeededApp({ deps: { lang: 'sv' } })
const request = conformingRequest(() => web.app)

type Page<K extends string> = { total: number; next: string | null } & Record<K, { code?: string; name?: string | null }[]>
const ORG = encodeURIComponent(ORG_A)

describe('lists', () => {
  it('pages with a cursor: a next link in the body and in a Link header, null on the last page, every row once', async () => {
    const seen: string[] = []
    let path: string | null = `/api/problems?organisation=${ORG}&limit=3&lang=en`
    let pages = 0
    while (path) {
      const res = await request(path)
      expect(res.status).toBe(200)
      const body = (await res.json()) as Page<'problems'>
      expect(body.total).toBe(4)
      seen.push(...body.problems.map((p) => p.code!))
      if (body.next) expect(res.headers.get('link')).toBe(`<${body.next}>; rel="next"`)
      else expect(res.headers.get('link')).toBeNull()
      path = body.next
      pages++
    }
    expect(pages).toBe(2)
    expect(seen).toEqual(['empty-body', 'truncated', 'invalid-url', 'invalid-url'])
    const orgs = (await (await request('/api/organisations?limit=1')).json()) as Page<'organisations'>
    expect(orgs.organisations).toHaveLength(1)
    expect(orgs.next).toMatch(/^\/api\/organisations\?limit=1&cursor=/)
  })

  it('filters problems by check, code and severity', async () => {
    const byCode = (await (await request(`/api/problems?organisation=${ORG}&code=invalid-url`)).json()) as Page<'problems'>
    expect(byCode.problems.map((p) => p.code)).toEqual(['invalid-url', 'invalid-url'])
    const none = (await (await request(`/api/problems?organisation=${ORG}&severity=info&code=empty-body`)).json()) as Page<'problems'>
    expect(none.total).toBe(0)
  })

  it('filters problems by state: open while its alert is open (with since), pending otherwise', async () => {
    type P = { code: string; checkId: string; distributionIri: string; state: string; since: string | null }
    const all = (await (await request(`/api/problems?organisation=${ORG}`)).json()) as { problems: P[] }
    expect(all.problems.every((p) => p.state === 'pending' && p.since === null)).toBe(true)
    const empty = all.problems.find((p) => p.code === 'empty-body')!
    const since = new Date('2026-11-18T06:00:00Z')
    await web.t.db
      .insertInto('alerts')
      .values({ subject_kind: 'distribution', subject: empty.distributionIri, problem: `check:${empty.checkId}`, kind: 'content', organisation: ORG_A, open: true, bad_since: since, opened_at: new Date('2026-11-19T06:00:00Z'), recent_bad: json([]), evidence: json([]) })
      .execute()
    try {
      const open = (await (await request(`/api/problems?organisation=${ORG}&state=open`)).json()) as { total: number; problems: P[] }
      expect(open.problems.map((p) => [p.code, p.state, p.since])).toEqual([['empty-body', 'open', since.toISOString()]])
      const pending = (await (await request(`/api/problems?organisation=${ORG}&state=pending`)).json()) as { total: number }
      expect(pending.total).toBe(all.problems.length - 1)
      const csv = await (await request(`/api/problems?organisation=${ORG}&state=open&format=csv`)).text()
      expect(csv.split('\r\n')[1]).toContain(`,open,${since.toISOString()},`)
    } finally {
      await web.t.db.deleteFrom('alerts').execute()
    }
  })

  it("pages one organisation's datasets worst first, and 404s an IRI that names none", async () => {
    const first = await request(`/api/organisation/datasets?iri=${ORG}&limit=1&lang=en`)
    const body = (await first.json()) as { organisation: string; total: number; datasets: { iri: string; title: string; scores: { total: number } | null }[]; next: string | null }
    expect(body).toMatchObject({ organisation: ORG_A, total: 1, datasets: [{ iri: DS_A, title: 'Bathing places' }], next: null })
    const csv = await (await request(`/api/organisation/datasets?iri=${ORG}&format=csv&sep=semicolon`)).text()
    expect(csv.replace(/^\uFEFF/, '').split('\r\n')[0]).toBe('dataset;iri;day;total;availability;freshness;format;conformance;metadata')
    const none = await request('/api/organisation/datasets?iri=urn:nobody&lang=en')
    expect(none.status).toBe(404)
    expect(((await none.json()) as { error: { code: string } }).error.code).toBe('not-found')
  })

  it('rejects bad parameters with the one error shape, naming the parameter, in both languages', async () => {
    const cases: [string, RegExp][] = [
      [`/api/problems?organisation=${ORG}&cursor=${encodeCursor(2).replace(/./, 'Z')}&lang=en`, /"cursor" has a value that is not valid/],
      [`/api/problems?organisation=${ORG}&cursor=a%20b&lang=en`, /"cursor"/],
      [`/api/problems?organisation=${ORG}&limit=1001`, /"limit" måste vara ett heltal från 1 till 1000; fick "1001"/],
      [`/api/problems?organisation=${ORG}&limit=2.5&lang=en`, /"limit" must be a whole number/],
      [`/api/problems?organisation=${ORG}&severity=bad&lang=en`, /"severity" must be one of error, warning, info; got "bad"/],
      [`/api/problems?organisation=${ORG}&format=xls&lang=en`, /"format" must be one of json, csv/],
      ['/api/organisations?colour=blue&lang=en', /no query parameter "colour" here/],
      ['/api/region?colour=blue', /Frågeparametern "colour" finns inte här/],
      ['/api/organisation?iri=', /"iri"/],
    ]
    for (const [path, message] of cases) {
      const res = await request(path)
      expect([path, res.status]).toEqual([path, 400])
      expect(await res.json()).toEqual({ error: { code: 'bad-request', message: expect.stringMatching(message) } })
    }
  })

  it('sends every list as CSV on ?format=csv or Accept: text/csv: BOM, CRLF, the whole list, the asked rows', async () => {
    for (const res of [
      await request(`/api/problems?organisation=${ORG}&limit=1&format=csv&lang=en`),
      await request(`/api/problems?organisation=${ORG}&limit=1&lang=en`, { headers: { Accept: 'text/csv' } }),
    ]) {
      expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8')
      const bytes = new Uint8Array(await res.arrayBuffer())
      expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
      const lines = new TextDecoder().decode(bytes).split('\r\n')
      expect(lines[0]).toMatch(/^organisation,dataset,dataset_title,distribution,url,dimension,check,code,severity,count,points_to_gain,state,since,message$/)
      expect(lines).toHaveLength(6) // header, the 4 problems of this organisation only (not the page), and the final CRLF
      expect(lines[5]).toBe('')
      expect(lines.slice(1, 5).every((l) => l.startsWith(`${ORG_A},`))).toBe(true)
    }
    const orgs = await (await request('/api/organisations?format=csv&sep=semicolon')).text()
    const [head, first] = orgs.replace(/^\uFEFF/, '').split('\r\n')
    expect(head).toBe('organisation;iri;day;total;availability;freshness;format;conformance;metadata;datasets;broken;degraded')
    expect(first).toMatch(/^Göteborgs Stad;http:\/\/dataportal\.se\/organisation\/SE2120001355;2026-11-20;\d+(,\d+)?;/)
  })

  it('writes cells no spreadsheet runs as a formula, quotes what needs it, and decimal commas under semicolon', () => {
    for (const evil of ['=HYPERLINK("http://x")', '+1+1', '-2+3', '@SUM(A1)', '\t=1', '\r=1']) expect(csvCell(evil, 'comma').replace(/^"/, '')).toMatch(/^'/)
    expect(csvCell(-2.5, 'comma')).toBe('-2.5')
    expect(csvCell(-2.5, 'semicolon')).toBe('-2,5')
    expect(csvCell('a,b', 'comma')).toBe('"a,b"')
    expect(csvCell('a,b', 'semicolon')).toBe('a,b')
    expect(csvCell('a;b', 'semicolon')).toBe('"a;b"')
    expect(csvCell('say "hi"\nthere', 'comma')).toBe('"say ""hi""\nthere"')
    expect(csvDocument([{ v: 1.5 }], [{ name: 'v', value: (r) => r.v }], 'semicolon')).toBe('\uFEFFv\r\n1,5\r\n')
  })

  it('makes columns of a row’s own fields, as they are or as ISO times, headed by the field’s name or another', () => {
    type Row = { id: number; at: Date; done: string | null; note: string | null }
    const rows: Row[] = [{ id: 7, at: new Date(Date.UTC(2026, 11, 1, 3)), done: null, note: 'x' }]
    const columns = [...fieldColumns<Row>('id', ['remark', 'note']), ...timeColumns<Row>('at', 'done')]
    expect(csvDocument(rows, columns, 'comma')).toBe('\uFEFFid,remark,at,done\r\n7,x,2026-12-01T03:00:00.000Z,\r\n')
  })
})
