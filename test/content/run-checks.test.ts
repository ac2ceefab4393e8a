import { describe, expect, it } from 'vitest'
import type { Check, CheckContext, CheckTarget } from '../../checks/types.js'
import { runChecks } from '../../src/content/run-checks.js'
import { describeFinding } from '../../src/i18n/catalogue.js'
import { spoolContentSource } from '../../src/content/spool-content-source.js'
import { datasetRecord } from '../helpers/check-records.js'

const ctx: CheckContext = { lang: 'sv', now: new Date('2026-11-26T12:00:00Z'), errorLimit: 1000, resolveSchema: async () => null }
const dataset = datasetRecord({ iri: 'urn:ds' })

const counting: Check = {
  id: 'counting',
  dimension: 'format',
  appliesTo: (t) => t.content !== undefined,
  async run(t) {
    let n = 0
    for await (const c of t.content!.stream()) n += c.byteLength
    return { status: 'pass', findings: [], metrics: { bytes: n } }
  },
}
const broken: Check = { id: 'broken', dimension: 'conformance', appliesTo: () => true, run: async () => { throw new Error('schema folder unreadable') } }
const never: Check = { id: 'never', dimension: 'metadata', appliesTo: () => false, run: async () => ({ status: 'fail', findings: [] }) }

describe('runChecks', () => {
  it('runs what applies, turns a check that cannot run into unverified, and marks capped bodies', async () => {
    const content = await spoolContentSource(
      { url: 'http://127.0.0.1/x', status: 200, contentType: 'text/csv', contentLength: null, etag: null, lastModified: null, body: (async function* () { yield new Uint8Array(5000) })() },
      { maxBytes: 3000 },
    )
    try {
      const target: CheckTarget = { dataset, dataServices: [], content }
      const ran = await runChecks(target, [counting, broken, never], ctx)
      expect(ran.map((r) => r.check.id)).toEqual(['counting', 'broken'])
      const [c, b] = ran.map((r) => r.result)
      expect(c.metrics).toMatchObject({ bytes: 3000, truncatedAtCap: 1, checkedBytes: 3000 })
      expect(c.findings.map((f) => [f.code, f.severity])).toEqual([['checked-up-to-cap', 'info']])
      expect(b.status).toBe('unverified')
      expect(b.findings[0]).toMatchObject({ code: 'check-error', severity: 'info' })
      expect(b.findings[0]!.params).toMatchObject({ checkId: 'broken', error: 'Error', detail: 'schema folder unreadable' })
      // An unexpected error's English words reach no reader: they stay in params for whoever runs datavakt.
      expect(describeFinding(b.findings[0]!, 'sv').message).toBe('Kontrollen broken kunde inte köras: ett internt fel.')
      expect(describeFinding(b.findings[0]!, 'en').message).toBe('The check broken could not run: an internal error.')
      expect(describeFinding(c.findings[0]!, 'sv').message).toMatch(/bara de första 3 kB kontrollerades/)
    } finally {
      await content.dispose()
    }
  })
})
