import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ConfigError, parseConfig } from '../../src/config/load-config.js'
import { resolveSources, presetOrganisations } from '../../src/config/presets/index.js'
import { checkedOrganisations, vastraGotalandOrganisations, vastraGotalandSources } from '../../src/config/presets/vastra-gotaland.js'
import { harvestAll } from '../../src/harvest/harvest-source.js'
import { createTestDb, type TestDb } from '../helpers/test-db.js'
import { testDeps } from './deps.js'

describe('the Västra Götaland preset', () => {
  it('is chosen with "preset" in the configuration, and a wrong name is reported with its path', () => {
    const config = parseConfig({ preset: 'vastra-gotaland' })
    expect(config.preset).toBe('vastra-gotaland')
    expect(() => parseConfig({ preset: 'vg' })).toThrow(/\/preset: must be one of vastra-gotaland, vastra-gotaland-dataportal, vastra-gotaland-catalogues/)
  })

  const good = { code: '1401', name: 'Härryda kommun', orgNumber: '212000-1264', orgNumberEvidence: 'two-sources', publisherUri: null, host: 'catalog.harryda.se' }

  /** The ConfigError the rows give, in Swedish and English: what `datavakt` prints after "datavakt <command>: " (src/cli.ts). */
  function refusal(rows: unknown): Record<'sv' | 'en', string> {
    try {
      checkedOrganisations(rows)
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError)
      return { sv: (err as ConfigError).describe('sv'), en: (err as ConfigError).describe('en') }
    }
    throw new Error('the rows were accepted')
  }

  it('reads its organisations from data, filling in what a row leaves out', () => {
    expect(checkedOrganisations([good])).toEqual([{ ...good, subPublishers: [], context: null }])
    const { publisherUri: _p, host: _h, ...bare } = good
    expect(checkedOrganisations([bare])).toEqual([{ ...bare, publisherUri: null, subPublishers: [], host: null, context: null }])
    const rows = [{ ...good, hostInactive: true, subPublishers: ['https://a.se/1'], context: '7' }]
    expect(checkedOrganisations(rows)).toEqual(rows)
  })

  it('refuses a malformed row naming the file, the JSON path, the organisation and what was expected, in Swedish and English', () => {
    const rows = vastraGotalandOrganisations.slice(0, 5).map((o, i) => (i === 2 ? { ...o, orgNumber: 'abc' } : o))
    expect(refusal(rows)).toEqual({
      sv: 'Ogiltig konfiguration i src/config/presets/vastra-gotaland.json:\n  /2/orgNumber (Öckerö kommun): ska följa mönstret ^\\d{6}-\\d{4}$',
      en: 'Invalid configuration in src/config/presets/vastra-gotaland.json:\n  /2/orgNumber (Öckerö kommun): must match the pattern ^\\d{6}-\\d{4}$',
    })
  })

  it('says every mistake in every row in the words of the configuration errors', () => {
    const cases: [Record<string, unknown> | null, string, string][] = [
      [{ ...good, orgNumberEvidence: 'hearsay' }, '/orgNumberEvidence (Härryda kommun): ska vara two-sources, single-source eller single-source+fixture', '/orgNumberEvidence (Härryda kommun): must be one of two-sources, single-source, single-source+fixture'],
      [{ ...good, code: 1401 }, '/code (Härryda kommun): ska vara en textsträng', '/code (Härryda kommun): must be a string'],
      [{ ...good, code: '14' }, '/code (Härryda kommun): ska följa mönstret ^(\\d{4})?$', '/code (Härryda kommun): must match the pattern ^(\\d{4})?$'],
      [{ ...good, name: '  ' }, '/name: ska följa mönstret \\S', '/name: must match the pattern \\S'],
      [{ ...good, host: 'https://catalog.harryda.se' }, '/host (Härryda kommun): ska följa mönstret ^[a-z0-9.-]+$', '/host (Härryda kommun): must match the pattern ^[a-z0-9.-]+$'],
      [{ ...good, publisherUri: 5 }, '/publisherUri (Härryda kommun): ska vara en textsträng eller null', '/publisherUri (Härryda kommun): must be a string or null'],
      [{ ...good, publisherUri: 'dataportal.se/organisation/SE2120001264' }, '/publisherUri (Härryda kommun): ska följa mönstret ^https?://', '/publisherUri (Härryda kommun): must match the pattern ^https?://'],
      [{ ...good, subPublishers: ['ftp://x'] }, '/subPublishers/0 (Härryda kommun): ska följa mönstret ^https?://', '/subPublishers/0 (Härryda kommun): must match the pattern ^https?://'],
      [{ ...good, context: 'seven' }, '/context (Härryda kommun): ska följa mönstret ^\\d+$', '/context (Härryda kommun): must match the pattern ^\\d+$'],
      [{ ...good, hostInactive: 'yes' }, '/hostInactive (Härryda kommun): ska vara true eller false', '/hostInactive (Härryda kommun): must be true or false'],
      [{ ...good, homepage: 'https://www.harryda.se' }, ' (Härryda kommun): okänd nyckel "homepage"', ' (Härryda kommun): unknown key "homepage"'],
      [{ code: '1401', orgNumber: '212000-1264', orgNumberEvidence: 'two-sources' }, ': nyckeln "name" saknas', ': missing required key "name"'],
      [null, ': ska vara ett objekt', ': must be an object'],
    ]
    // Each malformed row in the seventh place, after six good ones, so its path starts with /6.
    for (const [row, sv, en] of cases) {
      expect(refusal([...Array(6).fill(good), row])).toEqual({
        sv: `Ogiltig konfiguration i src/config/presets/vastra-gotaland.json:\n  /6${sv}`,
        en: `Invalid configuration in src/config/presets/vastra-gotaland.json:\n  /6${en}`,
      })
    }
    // Every mistake of the file at once, not only the first, each with its own row's organisation.
    const { en } = refusal([{ ...good, orgNumber: 'abc' }, good, { ...good, name: 'Partille kommun', host: 'HOST' }])
    expect(en.split('\n').slice(1)).toEqual(['  /0/orgNumber (Härryda kommun): must match the pattern ^\\d{6}-\\d{4}$', '  /2/host (Partille kommun): must match the pattern ^[a-z0-9.-]+$'])
    expect(refusal({ rows: [good] }).en).toBe('Invalid configuration in src/config/presets/vastra-gotaland.json:\n  /: must be a list')
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
