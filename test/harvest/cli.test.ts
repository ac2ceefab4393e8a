import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { main } from '../../src/cli.js'
import { createTestDb, type TestDb } from '../helpers/test-db.js'
import { send, serve, type TestServer } from './serve.js'
import { looksEnglish, swedishWords } from '../helpers/language.js'

const BIN = join(import.meta.dirname, '../../bin/datavakt.js')
const DIR = join(import.meta.dirname, 'fixtures/dcat-ap-se/')

function datavakt(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env: { ...process.env, ...env }, timeout: 120_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr })
    })
  })
}

/** Runs the CLI in this process (fast), capturing what it prints. */
async function inProcess(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = []
  const err: string[] = []
  const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')))
  const error = vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')))
  try {
    const code = await main(args)
    return { code, stdout: out.join('\n'), stderr: err.join('\n') }
  } finally {
    log.mockRestore()
    error.mockRestore()
  }
}

describe('datavakt harvest (command line)', () => {
  let server: TestServer
  let tmp: string
  let t: TestDb | undefined
  beforeAll(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'datavakt-harvest-cli-'))
    server = await serve((_req, res, url) => {
      if (url.pathname === '/rekommenderat.rdf') return send(res, readFileSync(`${DIR}rekommenderat.rdf`))
      if (url.pathname === '/hvd.ttl') return send(res, readFileSync(join(import.meta.dirname, 'fixtures/hvd/hvd.ttl')), 'text/turtle')
      if (url.pathname === '/gone') return send(res, 'nope', 'text/plain', 404)
      return false
    })
  })
  afterAll(async () => {
    await server?.close()
    await t?.drop()
    rmSync(tmp, { recursive: true, force: true })
  })

  it('--dry-run --json prints the normalised model and stores nothing', async () => {
    const r = await datavakt(['harvest', '--dry-run', '--json', '--allow-private', `${server.origin}/rekommenderat.rdf`], { DATAVAKT_DATA_DIR: join(tmp, 'unused') })
    expect(r.stderr).not.toMatch(/MISSLYCKADES|Error/)
    expect(r.code).toBe(0)
    const out = JSON.parse(r.stdout)
    expect(Object.keys(out)).toEqual(['organisations', 'datasets', 'dataServices', 'warnings'])
    expect(out.datasets).toEqual([
      {
        iri: 'https://example.com/dataset1',
        title: 'Bibliotek i Sverige',
        publisher: 'https://example.com/publisher1',
        contactEmail: 'oppnadata@exemple.com',
        license: null,
        accrualPeriodicity: null,
        conformsTo: [],
        modified: null,
        titleLanguages: ['sv', 'en'],
        descriptionLanguages: ['sv'],
        hvdCategories: [],
        applicableLegislation: [],
        distributions: [
          {
            iri: 'https://example.com/distribution1',
            accessUrl: 'http://example.com/download',
            downloadUrl: 'http://example.com/download',
            format: 'text/csv',
            mediaType: 'text/csv',
            byteSize: null,
            license: 'http://creativecommons.org/publicdomain/zero/1.0/',
            conformsTo: [],
            accessService: null,
            hvdCategories: [],
            applicableLegislation: [],
          },
          {
            iri: 'https://example.com/distribution2',
            accessUrl: 'http://example.com/api',
            downloadUrl: null,
            format: 'application/json',
            mediaType: 'application/json',
            byteSize: null,
            license: 'http://creativecommons.org/publicdomain/zero/1.0/',
            conformsTo: [],
            accessService: 'https://example.com/dataservice1',
            hvdCategories: [],
            applicableLegislation: [],
          },
        ],
      },
    ])
    expect(out.dataServices[0].iri).toBe('https://example.com/dataservice1')
    expect(out.warnings).toEqual([])
    // Nothing stored: the data folder was never created.
    expect(() => readFileSync(join(tmp, 'unused', 'PG_VERSION'))).toThrow()
  })

  it('--dry-run says on standard error what each document held, data services too, in the language asked for', async () => {
    const url = `${server.origin}/hvd.ttl`
    const sv = await datavakt(['harvest', '--dry-run', '--json', '--allow-private', '--lang', 'sv', url])
    const en = await datavakt(['harvest', '--dry-run', '--json', '--allow-private', '--lang', 'en', url])
    expect([sv.code, en.code]).toEqual([0, 0])
    const services = JSON.parse(en.stdout).dataServices.length as number
    expect(services).toBeGreaterThan(0)
    // The progress line is the one stderr line about the document; the URL is data, not words.
    const words = (r: { stderr: string }) => r.stderr.replaceAll(url, '<url>').trim()
    expect(words(sv)).toMatch(new RegExp(`^<url>: \\d+ datamängde?r?, ${services} datatjänster? \\(`))
    expect(looksEnglish(words(sv))).toBe(false)
    expect(words(en)).toMatch(new RegExp(`^<url>: \\d+ datasets?, ${services} data services? \\(`))
    expect(swedishWords(words(en))).toEqual([])
  })

  it('--dry-run --json prints every field of a data service, and HVD on datasets and distributions', async () => {
    const r = await inProcess(['harvest', '--dry-run', '--json', '--allow-private', `${server.origin}/hvd.ttl`])
    expect(r.code).toBe(0)
    const out = JSON.parse(r.stdout)
    const hvd = 'http://data.europa.eu/eli/reg_impl/2023/138/oj'
    expect(out.dataServices).toContainEqual({
      iri: 'https://data.example.se/service/luft-api',
      title: 'Luftkvalitets-API',
      description: 'REST-API med mätvärden.',
      titleLanguages: ['sv', 'en'],
      publisher: 'http://dataportal.se/organisation/SE2120001111',
      contactEmail: 'miljo@example.se',
      endpointUrls: ['https://api.example.se/luft/v1', 'https://api.example.se/luft/v1-mirror'],
      endpointDescription: 'https://api.example.se/luft/v1/openapi.json',
      servesDatasets: ['https://data.example.se/dataset/luft'],
      conformsTo: ['https://spec.openapis.org/oas/v3.0.3'],
      license: 'http://creativecommons.org/licenses/by/4.0/',
      accessRights: 'http://publications.europa.eu/resource/authority/access-right/PUBLIC',
      hvdCategories: ['http://data.europa.eu/bna/c_dd313021'],
      applicableLegislation: [hvd],
    })
    expect(out.datasets[0]).toMatchObject({ hvdCategories: ['http://data.europa.eu/bna/c_dd313021'], applicableLegislation: [hvd], titleLanguages: ['sv', 'en'] })
    expect(out.datasets[0].distributions[0]).toMatchObject({ hvdCategories: ['http://data.europa.eu/bna/c_dd313021'], applicableLegislation: [hvd], accessService: 'https://data.example.se/service/luft-api' })
  })

  it('--dry-run without --allow-private refuses a loopback catalogue', async () => {
    const r = await inProcess(['harvest', '--dry-run', '--json', `${server.origin}/rekommenderat.rdf`])
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/fetch-failed|forbidden/)
  })

  it.each([
    [['harvest', '--dry-run'], /--dry-run needs exactly one catalogue URL/],
    [['harvest', '--dry-run', '--kind', 'sparql', 'http://x.test/'], /--kind must be dcat, ckan or entryscape/],
    [['harvest', 'http://x.test/'], /only read with --dry-run/],
    [['harvest', '--dry-run', 'ftp://x.test/'], /not an http\(s\) URL/],
    [['harvest', '--frobnicate'], /unknown option --frobnicate\n\nUsage: datavakt harvest/],
  ])('usage error %j exits 2 with a clear message', async (args, message) => {
    const r = await inProcess([...(args as string[]), '--lang', 'en'])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(message)
  })

  it('with no sources configured: exit 2 with what to configure, in both languages, and no database made', async () => {
    const dataDir = join(tmp, 'never-made')
    const config = join(tmp, 'no-sources.json')
    writeFileSync(config, JSON.stringify({ dataDir }))
    const env = { DATAVAKT_CONFIG: config, DATAVAKT_DATA_DIR: dataDir, DATABASE_URL: '' }
    const sv = await datavakt(['harvest'], env)
    expect(sv.code).toBe(2)
    expect(sv.stderr).toContain('Inga katalogkällor är konfigurerade')
    const en = await datavakt(['harvest', '--lang', 'en', '--source', 'x'], env)
    expect(en.code).toBe(2)
    expect(en.stderr).toContain('No catalogue sources are configured')
    expect(existsSync(dataDir)).toBe(false)
  }, 120_000)

  it('harvests the configured sources and prints a summary per source', async () => {
    const config = join(tmp, 'datavakt.config.json')
    writeFileSync(
      config,
      JSON.stringify({
        allowPrivateNetworks: true,
        sources: [
          { id: 'rek', kind: 'dcat', url: `${server.origin}/rekommenderat.rdf` },
          { id: 'gone', kind: 'dcat', url: `${server.origin}/gone` },
        ],
      }),
    )
    const env: NodeJS.ProcessEnv = { DATAVAKT_CONFIG: config, DATAVAKT_DATA_DIR: join(tmp, 'data') }
    if (process.env.DATABASE_URL) {
      t = await createTestDb()
      env.DATABASE_URL = t.url
    }
    const r = await datavakt(['harvest'], env)
    expect(r.code).toBe(1)
    expect(r.stdout).toContain('rek: ok')
    expect(r.stdout).toContain('datamängder     1 nya, 0 ändrade, 0 tillbakadragna, 0 oförändrade')
    expect(r.stdout).toContain('distributioner  2 nya, 0 ändrade, 0 tillbakadragna, 0 oförändrade')
    expect(r.stdout).toMatch(/gone: MISSLYCKADES \[http-error\] \[HTTP 404\]: http:\/\/\S+\/gone svarade HTTP 404\n/)
    expect(r.stderr).toContain('rek: dcat')

    const saved0 = { ...process.env }
    Object.assign(process.env, env)
    const dry = await inProcess(['harvest', '--dry-run', '--json', '--source', 'rek']).finally(() => {
      for (const k of Object.keys(env)) if (saved0[k] === undefined) delete process.env[k]
      Object.assign(process.env, saved0)
    })
    expect(dry.code).toBe(0)
    expect(JSON.parse(dry.stdout).datasets[0].iri).toBe('https://example.com/dataset1')

    const again = await datavakt(['harvest', '--source', 'rek', '--lang', 'en'], env)
    expect(again.code).toBe(0)
    expect(again.stdout).toContain('datasets        0 added, 0 changed, 0 withdrawn, 1 unchanged')

    const saved = { ...process.env }
    Object.assign(process.env, env)
    const unknown = await inProcess(['harvest', '--source', 'nope']).finally(() => {
      for (const k of Object.keys(env)) if (saved[k] === undefined) delete process.env[k]
      Object.assign(process.env, saved)
    })
    expect(unknown.code).toBe(2)

    // A failure in the language asked for: the words come from the catalogue, not from the harvest.
    const saved2 = { ...process.env }
    Object.assign(process.env, env)
    const failed = await inProcess(['harvest', '--source', 'gone', '--lang', 'en']).finally(() => {
      for (const k of Object.keys(env)) if (saved2[k] === undefined) delete process.env[k]
      Object.assign(process.env, saved2)
    })
    expect(failed.stdout).toMatch(/gone: FAILED \[http-error\] \[HTTP 404\]: http:\/\/\S+\/gone answered HTTP 404$/m)
    expect(unknown.stderr).toMatch(/okänd källa "nope"/)
    // Two whole processes and four in-process runs: more than the default minute on a busy machine.
  }, 150_000)
})
