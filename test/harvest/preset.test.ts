import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseConfig } from '../../src/config/load-config.js'
import { resolveSources, presetOrganisations } from '../../src/config/presets/index.js'
import { checkedOrganisation, vastraGotalandOrganisations, vastraGotalandSources } from '../../src/config/presets/vastra-gotaland.js'
import { harvestAll } from '../../src/harvest/harvest-source.js'
import { createTestDb, type TestDb } from '../helpers/test-db.js'
import { testDeps } from './deps.js'

describe('the Västra Götaland preset', () => {
  it('is chosen with "preset" in the configuration, and a wrong name is reported with its path', () => {
    const config = parseConfig({ preset: 'vastra-gotaland' })
    expect(config.preset).toBe('vastra-gotaland')
    expect(() => parseConfig({ preset: 'vg' })).toThrow(/\/preset: must be one of vastra-gotaland, vastra-gotaland-dataportal, vastra-gotaland-catalogues/)
  })

  it('reads its organisations from data, and a malformed row is refused naming the row, the organisation and the field', () => {
    const good = { code: '1401', name: 'Härryda kommun', orgNumber: '212000-1264', orgNumberEvidence: 'two-sources', publisherUri: null, host: 'catalog.harryda.se' }
    expect(checkedOrganisation(good, 0)).toEqual({ ...good, subPublishers: [], context: null })
    const refused = (row: object) => () => checkedOrganisation({ ...good, ...row }, 6)
    expect(refused({ orgNumber: '2120001264' })).toThrow('vastra-gotaland.json, row 7 (Härryda kommun): orgNumber must be an organisation number like 212000-1264, got "2120001264"')
    expect(refused({ orgNumberEvidence: 'hearsay' })).toThrow('row 7 (Härryda kommun): orgNumberEvidence must be two-sources or single-source or single-source+fixture, got "hearsay"')
    expect(refused({ host: 'https://catalog.harryda.se' })).toThrow('host must be a host name or null')
    expect(refused({ code: 1401 })).toThrow("code must be a municipality code of four digits, or '' for the region, got 1401")
    expect(refused({ subPublishers: ['ftp://x'] })).toThrow('subPublishers must be a list of http(s) URIs')
    expect(() => checkedOrganisation(null, 0)).toThrow('row 1: code must be')
  })

  it('lists the region and its 49 municipalities with well-formed organisation numbers', () => {
    expect(vastraGotalandOrganisations).toHaveLength(50)
    expect(new Set(vastraGotalandOrganisations.map((o) => o.orgNumber)).size).toBe(50)
    for (const o of vastraGotalandOrganisations) expect(o.orgNumber).toMatch(/^\d{6}-\d{4}$/)
    // 27 municipalities with an SE-orgnr publisher URI, Lerum with its own, and the region.
    expect(vastraGotalandOrganisations.filter((o) => o.publisherUri?.startsWith('http://dataportal.se/organisation/SE212')).length).toBe(27)
    expect(vastraGotalandOrganisations.find((o) => o.code === '1441')?.publisherUri).toBe('https://catalog.lerum.se/store/1/resource/1')
    // A publisher URI always holds the organisation's own number (the two sources agree).
    for (const o of vastraGotalandOrganisations) {
      if (o.publisherUri?.startsWith('http://dataportal.se/organisation/SE')) {
        expect(o.publisherUri).toBe(`http://dataportal.se/organisation/SE${o.orgNumber.replace('-', '')}`)
        expect(o.orgNumberEvidence).toBe('two-sources')
      }
    }
  })

  it('gives one dataportal.se source per verified publisher and one per active catalogue host', () => {
    const sources = resolveSources({ preset: 'vastra-gotaland', sources: [] })
    expect(new Set(sources.map((s) => s.id)).size).toBe(sources.length)
    // Every source passes the configuration schema.
    expect(parseConfig({ sources }).sources).toEqual(sources)
    const dp = sources.filter((s) => s.id.startsWith('dp-'))
    const cat = sources.filter((s) => s.id.startsWith('cat-'))
    expect(dp).toHaveLength(29 + 8)
    expect(cat).toHaveLength(32)
    expect(sources.findIndex((s) => s.id.startsWith('cat-'))).toBe(dp.length)
    for (const s of dp) expect(s).toMatchObject({ kind: 'entryscape', url: 'https://admin.dataportal.se' })
    expect(sources.find((s) => s.id === 'dp-goteborg')).toEqual({
      id: 'dp-goteborg',
      kind: 'entryscape',
      url: 'https://admin.dataportal.se',
      publisher: 'http://dataportal.se/organisation/SE2120001355',
      organisation: 'http://dataportal.se/organisation/SE2120001355',
    })
    expect(sources.find((s) => s.id === 'dp-goteborg-2')?.publisher).toBe('https://catalog.goteborg.se/store/6/resource/48808')
    expect(sources.find((s) => s.id === 'cat-goteborg')?.url).toBe('https://catalog.goteborg.se/store/6')
    expect(sources.find((s) => s.id === 'cat-vgregion')?.url).toBe('https://vgregion.entryscape.net/store/7')
    expect(sources.find((s) => s.id === 'cat-skovde')?.url).toBe('https://skovde.entryscape.net')
    expect(sources.some((s) => s.id === 'cat-dals-ed')).toBe(false)
    // Vänersborg has a catalogue host but no publisher entry: its organisation IRI is the inferred SE form.
    expect(sources.find((s) => s.id === 'cat-vanersborg')?.organisation).toBe('http://dataportal.se/organisation/SE2120001538')
    expect(resolveSources({ preset: 'vastra-gotaland-dataportal', sources: [] })).toEqual(vastraGotalandSources('dataportal'))
    expect(resolveSources({ preset: 'vastra-gotaland-catalogues', sources: [] })).toEqual(vastraGotalandSources('catalogues'))
  })

  it('lets a configured source replace a preset source with the same id, and adds the others', () => {
    const mine = { id: 'cat-goteborg', kind: 'dcat' as const, url: 'https://data.goteborg.se/catalog.rdf' }
    const extra = { id: 'own', kind: 'ckan' as const, url: 'https://ckan.example.org' }
    const sources = resolveSources({ preset: 'vastra-gotaland', sources: [mine, extra] })
    expect(sources.filter((s) => s.id === 'cat-goteborg')).toEqual([mine])
    expect(sources.at(-1)).toEqual(extra)
    expect(sources).toHaveLength(70)
  })
})

describe(`preset in the database (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  let t: TestDb
  const deps = testDeps()
  beforeAll(async () => {
    t = await createTestDb()
  })
  afterAll(async () => {
    await deps.engine.close()
    await t?.drop()
  })

  it('stores every preset source and all 50 organisations, also those that publish nothing', async () => {
    // `only` names no source: nothing is fetched, only the configuration is synced.
    const results = await harvestAll(t.db, { preset: 'vastra-gotaland', sources: [] }, deps, { only: 'none' })
    expect(results).toEqual([])
    const sources = await t.db.selectFrom('catalogue_sources').select('id').execute()
    expect(sources).toHaveLength(69)
    const orgs = await t.db.selectFrom('organisations').selectAll().execute()
    expect(orgs).toHaveLength(presetOrganisations('vastra-gotaland').length)
    expect(orgs.find((o) => o.org_number === '212000-1272')).toMatchObject({
      iri: 'http://dataportal.se/organisation/SE2120001272',
      name: { sv: 'Partille kommun' },
    })
  })
})
