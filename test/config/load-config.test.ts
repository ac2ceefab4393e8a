import { describe, expect, it } from 'vitest'
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Ajv } from 'ajv'
import { ConfigError, loadConfig, parseConfig } from '../../src/config/load-config.js'
import { schemaProblem } from '../../src/config/config-error.js'
import { defaultConfig } from '../../src/config/config.js'

describe('configuration', () => {
  it('merges a partial file over the defaults, section by section', () => {
    const c = parseConfig({
      sources: [{ id: 'goteborg', kind: 'entryscape', url: 'https://catalog.goteborg.se/store/search' }],
      http: { perHostConnections: 1 },
    })
    expect(c.sources).toHaveLength(1)
    expect(c.http.perHostConnections).toBe(1)
    expect(c.http.probeBytes).toBe(defaultConfig.http.probeBytes)
    expect(c.allowPrivateNetworks).toBe(false)
  })

  it('names the JSON path and what was expected', () => {
    const bad = () => parseConfig({ sources: [{ id: 'x', kind: 'sparql', url: 'https://a.se/' }] })
    expect(bad).toThrow(ConfigError)
    expect(bad).toThrow(/\/sources\/0\/kind: must be one of dcat, ckan, entryscape/)
    expect(() => parseConfig({ htpp: {} })).toThrow(/unknown key "htpp"/)
    expect(() => parseConfig({ sources: [{ id: 'x', kind: 'dcat' }] })).toThrow(/\/sources\/0: missing required key "url"/)
    expect(() => parseConfig({ http: { perHostConnections: 0 } })).toThrow(/\/http\/perHostConnections: must be >= 1/)
  })

  it('says a wrong type in words, naming every type a union type allows, in Swedish and English', () => {
    const wrongType = (() => {
      try {
        parseConfig({ allowPrivateNetworks: 'yes' })
      } catch (err) {
        return err as ConfigError
      }
    })()
    expect(wrongType?.describe('sv')).toBe('Ogiltig konfiguration:\n  /allowPrivateNetworks: ska vara true eller false')
    expect(wrongType?.describe('en')).toBe('Invalid configuration:\n  /allowPrivateNetworks: must be true or false')
    const stringOrNull = new Ajv({ strict: false }).compile({ properties: { uri: { type: ['string', 'null'] } } })
    expect(stringOrNull({ uri: 5 })).toBe(false)
    const union = new ConfigError('config.invalid', {}, (stringOrNull.errors ?? []).map(schemaProblem))
    expect(union.describe('sv')).toBe('Ogiltig konfiguration:\n  /uri: ska vara en textsträng eller null')
    expect(union.describe('en')).toBe('Invalid configuration:\n  /uri: must be a string or null')
  })

  it('refuses duplicate source ids', () => {
    const s = { id: 'a', kind: 'dcat', url: 'https://a.se/datasets/dcat' }
    expect(() => parseConfig({ sources: [s, s] })).toThrow(/duplicate source id "a"/)
  })

  it('reads the file named by DATAVAKT_CONFIG and reports bad JSON with the path', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dv-config-'))
    const good = join(dir, 'good.json')
    writeFileSync(good, JSON.stringify({ allowPrivateNetworks: true }))
    expect(loadConfig({ DATAVAKT_CONFIG: good }, dir).allowPrivateNetworks).toBe(true)
    const broken = join(dir, 'broken.json')
    writeFileSync(broken, '{ "sources": [ }')
    expect(() => loadConfig({ DATAVAKT_CONFIG: broken }, dir)).toThrow(new RegExp(`${broken} is not valid JSON`))
    writeFileSync(broken, '{\n  "sources": [],\n}')
    expect(() => loadConfig({ DATAVAKT_CONFIG: broken }, dir)).toThrow(/line 3, column 1/)
    expect(() => loadConfig({ DATAVAKT_CONFIG: join(dir, 'missing.json') }, dir)).toThrow(/not found/)
    expect(loadConfig({ DATAVAKT_DATA_DIR: '/tmp/x' }, dir).dataDir).toBe('/tmp/x')
  })

  it('a command refuses a bad configuration file with exit code 2 and the path of the mistake', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dv-config-'))
    const file = join(dir, 'datavakt.config.json')
    writeFileSync(file, JSON.stringify({ sources: [{ id: 'x', kind: 'sparql', url: 'https://a.se/' }] }))
    const r = spawnSync(process.execPath, ['bin/datavakt.js', 'harvest'], { encoding: 'utf8', env: { ...process.env, DATAVAKT_CONFIG: file } })
    expect(r.status).toBe(2)
    expect(r.stderr).toContain(`Ogiltig konfiguration i ${file}`)
    expect(r.stderr).toContain('/sources/0/kind: ska vara dcat, ckan eller entryscape')
    const en = spawnSync(process.execPath, ['bin/datavakt.js', 'harvest', '--lang', 'en'], { encoding: 'utf8', env: { ...process.env, DATAVAKT_CONFIG: file } })
    expect(en.status).toBe(2)
    expect(en.stderr).toContain(`Invalid configuration in ${file}`)
    expect(en.stderr).toContain('/sources/0/kind: must be one of dcat, ckan, entryscape')
  })

  it('finds a bad schedule time zone or cron pattern when the configuration is loaded (issue 10, defect 9)', () => {
    const bad = () => parseConfig({ schedule: { timezone: 'Europe/Stokholm', harvest: '0 25 * * *' } })
    expect(bad).toThrow(ConfigError)
    expect(bad).toThrow(/\/schedule\/timezone: "Europe\/Stokholm" is not a known time zone/)
    expect(bad).toThrow(/\/schedule\/harvest: "0 25 \* \* \*" is not a valid cron pattern/)
    expect(() => parseConfig({ schedule: { rollups: 'every night' } })).toThrow(/\/schedule\/rollups/)
    expect(parseConfig({ schedule: { timezone: 'UTC', harvest: '30 4 * * 1-5' } }).schedule.timezone).toBe('UTC')
  })

  it('checks the alerts’ quiet hours: times as HH:MM, a known time zone, or null for none', () => {
    expect(() => parseConfig({ alerts: { quietHours: { from: '22:00', to: '07:00', timeZone: 'Europe/Stokholm' } } })).toThrow(
      /\/alerts\/quietHours\/timeZone: "Europe\/Stokholm" is not a known time zone/,
    )
    expect(() => parseConfig({ alerts: { quietHours: { from: '24:00', to: '07:00', timeZone: 'UTC' } } })).toThrow(/\/alerts\/quietHours/)
    expect(parseConfig({ alerts: { quietHours: null } }).alerts.quietHours).toBeNull()
    expect(parseConfig({ alerts: { immediate: true } }).alerts).toMatchObject({ immediate: true, quietHours: { from: '22:00', to: '07:00' }, resolveAfter: 2 })
  })

  it('`start` with a bad time zone exits 2 at once with the JSON path, before opening the database', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dv-config-'))
    const file = join(dir, 'datavakt.config.json')
    writeFileSync(file, JSON.stringify({ dataDir: join(dir, 'data'), schedule: { timezone: 'Mars/Olympus' } }))
    const r = spawnSync(process.execPath, ['bin/datavakt.js', 'start', '--port', '0', '--lang', 'en'], {
      encoding: 'utf8',
      env: { ...process.env, DATAVAKT_CONFIG: file, DATABASE_URL: '' },
      timeout: 30_000,
    })
    expect(r.signal).toBeNull()
    expect(r.status).toBe(2)
    expect(r.stderr).toContain('/schedule/timezone: "Mars/Olympus" is not a known time zone')
    expect(existsSync(join(dir, 'data'))).toBe(false)
  })
})
