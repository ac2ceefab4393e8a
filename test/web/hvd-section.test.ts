/**
 * The HVD obligations monitor end to end over a real database: the one read
 * (src/read-model/hvd-obligations.ts) as the organisation page's own section in both
 * languages, as /api/organisation/hvd in JSON (checked against the OpenAPI document) and
 * CSV, and inside /api/organisation.
 */
import { describe, expect, it } from 'vitest'
import { getHvdObligations } from '../../src/read-model/hvd-obligations.js'
import { expectConforms } from '../api/conformance.js'
import { missingPhrases } from '../helpers/phrases.js'
import { useSeededApp } from './seeded-app.js'
import { AIR_CSV, DS_ADDR, DS_AIR, seedHvd } from './seed-hvd.js'
import { ORG_A, ORG_B } from './seed-pages.js'

const web = useSeededApp({ prepare: (t) => seedHvd(t.db), serve: true })

describe('the HVD obligations of an organisation', () => {
  it('reads each obligation with its reasons and evidence, the failing dataset first', async () => {
    const r = await getHvdObligations(web.t.db, ORG_B, 'sv')
    expect(r.datasets.map((d) => [d.iri, d.status])).toEqual([
      [DS_AIR, 'not-met'],
      [DS_ADDR, 'met'],
    ])
    const air = r.datasets[0]!
    expect(Object.fromEntries(Object.entries(air.obligations).map(([k, o]) => [k, o.status]))).toEqual({
      api: 'met', bulk: 'met', licence: 'met', category: 'met', english: 'not-met', availability: 'not-met',
    })
    expect(air.obligations.english.reasons).toEqual([{ code: 'hvd-no-english', params: { properties: ['dct:title', 'dct:description'] } }])
    expect(air.obligations.availability.reasons).toEqual([
      { code: 'hvd-availability-low', params: { url: AIR_CSV, percent: 90, target: 99, days: 30 } },
    ])
    expect(air.evidence.map((e) => [e.kind, e.uptime, e.probes, e.description?.kind ?? null])).toEqual([
      ['download', 0.9, 30, null],
      ['service', 1, 30, 'openapi'],
    ])
    // Adresser's API serves it through dcat:accessService only.
    expect(r.datasets[1]!.evidence.map((e) => e.kind)).toEqual(['download', 'service'])
    expect((await getHvdObligations(web.t.db, ORG_A, 'sv')).datasets).toEqual([])
  })

  it('is its own section of the organisation page, in Swedish and English; absent where there is no HVD', async () => {
    const page = async (org: string, lang: 'sv' | 'en') => (await fetch(`${web.base}/organisation?iri=${encodeURIComponent(org)}&lang=${lang}`)).text()
    const sv = await page(ORG_B, 'sv')
    expect(
      missingPhrases(sv, [
        '<section id="hvd"',
        'Högvärdesdatamängder (HVD)',
        '1 av 2 högvärdesdatamängder uppfyller alla skyldigheter.',
        'Datamängden saknar dct:title och dct:description på engelska, som HVD kräver.',
        'svarade på 90 % av 30 kontroller',
        'Inte uppfyllt',
      ]),
    ).toEqual([])
    const en = await page(ORG_B, 'en')
    expect(
      missingPhrases(en, [
        'High-value datasets (HVD)',
        '1 of 2 high-value datasets meet every obligation.',
        'answered 90 % of the checks in the last 30 days; the target is 99 %.',
        'Not met',
      ]),
    ).toEqual([])
    expect(en).not.toContain('Inte uppfyllt')
    expect(await page(ORG_A, 'sv')).not.toContain('id="hvd"')
  })

  it('is served as JSON with words in the asked language, and as CSV evidence, one row per dataset and obligation', async () => {
    const path = `/api/organisation/hvd?iri=${encodeURIComponent(ORG_B)}&lang=en`
    const res = await fetch(`${web.base}${path}`)
    await expectConforms('GET', path, res)
    const body = (await res.json()) as { datasets: { iri: string; obligations: Record<string, { reasons: { message: string }[] }> }[] }
    expect(body.datasets[0]!.obligations.english!.reasons[0]!.message).toBe('The dataset has no dct:title and dct:description in English, which HVD requires.')
    const csvRes = await fetch(`${web.base}/api/organisation/hvd?iri=${encodeURIComponent(ORG_B)}&format=csv&sep=semicolon`)
    expect(csvRes.headers.get('content-type')).toMatch(/^text\/csv/)
    const lines = new TextDecoder().decode(new Uint8Array(await csvRes.arrayBuffer())).replace(/^\uFEFF/, '').trimEnd().split('\r\n')
    expect(lines[0]).toBe('organisation;dataset;dataset_iri;obligation;obligation_text;status;reasons;evidence;checked_at')
    expect(lines).toHaveLength(1 + 2 * 6)
    const availability = lines.find((l) => l.includes(DS_AIR) && l.includes(';availability;'))
    expect(availability).toMatch(/;not-met;.*90 % /)
    expect(availability).toContain(`;${AIR_CSV} (svarade på 90 % av 30 kontroller)`)
    const org = await fetch(`${web.base}/api/organisation?iri=${encodeURIComponent(ORG_B)}`)
    await expectConforms('GET', `/api/organisation?iri=${encodeURIComponent(ORG_B)}`, org)
    expect(((await org.json()) as { hvd: { datasets: unknown[] } }).hvd.datasets).toHaveLength(2)
    expect((await fetch(`${web.base}/api/organisation/hvd?iri=urn:nobody`)).status).toBe(404)
  })
})
