import { describe, expect, it } from 'vitest'
import { sql } from 'kysely'
import { englishWords, swedishWords } from '../helpers/language.js'
import { ownWords } from './page-text.js'
import { HARVESTED, ORG_A } from './seed-pages.js'
import { useSeededApp } from './seeded-app.js'

const logged: { line: string; err: unknown }[] = []

const web = useSeededApp({
  deps: { lang: 'sv', logError: (line, err) => logged.push({ line, err }) },
  prepare: async (t) => {
    // A real database error on every read of the scores: the table is gone.
    await sql`alter table scores rename to scores_gone`.execute(t.db)
  },
})

/** The id the server logged last, and what it logged with it. */
function lastLog(): { id: string; text: string } {
  const { line, err } = logged[logged.length - 1]
  const id = /error ([0-9a-f]{8}) /.exec(line)?.[1]
  expect(id, line).toBeTruthy()
  return { id: id!, text: `${line} ${err instanceof Error ? err.message : String(err)}` }
}

const ORG = `iri=${encodeURIComponent(ORG_A)}`
/** What a database error says that no public client may read. */
const INTERNAL = /scores|relation|does not exist|select|postgres|pglite/i

describe('the error handler', () => {
  it('answers a database error under /api with the one error shape, a fixed text and the logged id', async () => {
    for (const lang of ['sv', 'en'] as const) {
      const res = await web.app.request(`/api/organisation?${ORG}&lang=${lang}`)
      expect(res.status).toBe(500)
      const body = await res.text()
      const { id, text } = lastLog()
      expect(text).toMatch(/scores/) // the log has what went wrong...
      expect(body).not.toMatch(INTERNAL) // ...the client does not
      const json = JSON.parse(body) as { error: { code: string; message: string; id: string } }
      expect(json).toEqual({ error: { code: 'internal', message: expect.stringContaining(id), id } })
      const words = json.error.message.replace(id, '')
      expect(lang === 'en' ? swedishWords(words) : englishWords(words)).toEqual([])
    }
  })

  it('answers a database error on a page with a plain error page in the chosen language and the logged id', async () => {
    for (const lang of ['sv', 'en'] as const) {
      const res = await web.app.request(`/organisation?${ORG}&lang=${lang}`)
      expect(res.status).toBe(500)
      expect(res.headers.get('content-type')).toMatch(/text\/html/)
      const html = await res.text()
      const { id } = lastLog()
      expect(html).toMatch(new RegExp(`^<html lang="${lang}">`))
      expect(html).toContain(id)
      expect(html.replace(/<style[\s\S]*?<\/style>/, '')).not.toMatch(INTERNAL)
      const words = ownWords(html, [...HARVESTED, id])
      expect(lang === 'en' ? swedishWords(words) : englishWords(words), words).toEqual([])
    }
  })

  it('gives each failure its own id', async () => {
    await web.app.request('/api/problems?organisation=x')
    const a = lastLog().id
    await web.app.request('/api/problems?organisation=x')
    expect(lastLog().id).not.toBe(a)
  })
})
