/**
 * `datavakt check` and `datavakt validate` as a new user meets them: a web page at a data
 * address, --expect, politeness flags, --config, and the --allow-private suggestion. The
 * command runs as a child process against a loopback server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { startServer, type LoopbackServer } from '../fetch/loopback-server.js'
import { jsonLines, runDatavakt } from '../helpers/run-command.js'
import { tempFolder } from '../helpers/temp-folder.js'

// No configuration file: the built-in defaults, whatever the developer's environment says.
const datavakt = (args: string[], env: NodeJS.ProcessEnv = {}) => runDatavakt(args, { DATAVAKT_CONFIG: undefined, ...env })

const portal = '<!DOCTYPE html><html><head><title>Exempelstad – Öppna data</title></head><body><h1>Välkommen</h1></body></html>'
let server: LoopbackServer
const dir = tempFolder('datavakt-check-pages-')

beforeAll(async () => {
  server = await startServer((req, res) => {
    if (req.url === '/skolor.csv') return void res.writeHead(302, { location: '/' }).end()
    if (req.url === '/real.csv') return void res.writeHead(200, { 'content-type': 'text/csv' }).end('a,b\n1,2\n')
    if (req.url === '/data/badplatser') return void res.writeHead(302, { location: '/login?ReturnUrl=%2Fdata%2Fbadplatser' }).end()
    if (req.url?.startsWith('/f')) return void res.writeHead(200, { 'content-type': 'text/csv' }).end('a\n1\n')
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(portal)
  })
})
afterAll(() => server.close())

describe('datavakt check: what a user gets', () => {
  it('prints the content type, and says when a .csv address gave a web page (still exit 0)', async () => {
    const r = await datavakt(['check', '--allow-private', `${server.url}/skolor.csv`, `${server.url}/real.csv`])
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/RESULTAT\s+KOD\s+STATUS\s+TYP\s+TID/)
    expect(r.stdout).toMatch(/redirected\s+200\s+text\/html\s/)
    expect(r.stdout).toMatch(/ok\s+200\s+text\/csv\s/)
    expect(r.stdout).toContain('Adressen ser ut som en datafil (.csv) men svaret är en webbsida (t.ex. en portals startsida).')
    const en = await datavakt(['check', '--allow-private', '--lang', 'en', `${server.url}/skolor.csv`])
    expect(en.stdout).toContain('The address looks like a data file (.csv) but the answer is a web page')
  })

  it('--expect csv makes a web page failing, with its own code and words; exit 1', async () => {
    const r = await datavakt(['check', '--json', '--allow-private', '--expect', 'csv', `${server.url}/skolor.csv`, `${server.url}/data/badplatser`, `${server.url}/real.csv`])
    expect(r.code).toBe(1)
    const out = jsonLines(r.stdout)
    expect(out.map((o) => [o.outcome, o.code, o.contentType, o.webPage])).toEqual([
      ['failing', 'landing-page', 'text/html; charset=utf-8', 'landing-page'],
      ['failing', 'login-wall', 'text/html; charset=utf-8', 'login-wall'],
      ['ok', 'ok', 'text/csv', null],
    ])
    expect((out[1]!.findings as { message: string }[])[0]!.message).toMatch(/inloggningsformulär/)
    const table = await datavakt(['check', '--allow-private', '--expect', 'csv', `${server.url}/skolor.csv`])
    expect(table.code).toBe(1)
    expect(table.stdout).toMatch(/FEL\s+landing-page\s+200\s+text\/html/)
  })

  it('--per-host and --gap set the politeness; bad values exit 2 naming the option, in Swedish and English', async () => {
    const urls = [1, 2, 3].map((i) => `${server.url}/f${i}.csv`)
    const before = server.requests.length
    const r = await datavakt(['check', '--json', '--allow-private', '--per-host', '1', '--gap', '900', ...urls])
    expect(r.code).toBe(0)
    const at = server.requests.slice(before).map((q) => q.at)
    expect(at).toHaveLength(3)
    // Arrival times are taken by this (loaded) test process, so one may be stamped late and
    // shorten the next gap; allow for that, while staying far above the default 250 ms.
    for (let i = 1; i < at.length; i++) expect(at[i]! - at[i - 1]!).toBeGreaterThanOrEqual(650)
    expect(server.peakOpen()).toBeLessThanOrEqual(2)
    for (const [flag, value] of [['--per-host', '0'], ['--per-host', 'två'], ['--gap', '-5'], ['--gap', 'x']] as const) {
      const sv = await datavakt(['check', '--allow-private', `${flag}=${value}`, urls[0]!])
      expect({ flag, value, code: sv.code }).toEqual({ flag, value, code: 2 })
      expect(sv.stderr).toContain(`${flag} ska vara ett heltal`)
      expect(sv.stdout).toBe('')
    }
    const en = await datavakt(['check', '--lang', 'en', '--gap', 'x', urls[0]!])
    expect(en.stderr).toContain('--gap must be an integer')
    const sweep = await datavakt(['sweep', '--per-host', '99'], { DATAVAKT_DATA_DIR: join(dir, 'never-opened') })
    expect(sweep.code).toBe(2)
    expect(sweep.stderr).toContain('--per-host ska vara ett heltal mellan 1 och 16')
  })

  it('--config FILE gives the http section; a bad file exits 2 naming the JSON path', async () => {
    const good = join(dir, 'fast.json')
    writeFileSync(good, JSON.stringify({ http: { perHostConnections: 1, perHostGapMs: 700 } }))
    const urls = [4, 5].map((i) => `${server.url}/f${i}.csv`)
    const before = server.requests.length
    const r = await datavakt(['check', '--allow-private', '--config', good, ...urls])
    expect(r.code).toBe(0)
    const at = server.requests.slice(before).map((q) => q.at)
    // The gap runs from one request's start to the next; the first may reach the server a
    // little late (a new connection), so allow for that — but far above the default 250 ms.
    expect(at[1]! - at[0]!).toBeGreaterThanOrEqual(600)
    const bad = join(dir, 'bad.json')
    writeFileSync(bad, JSON.stringify({ http: { perHostConnections: 'many' } }))
    const b = await datavakt(['check', '--allow-private', '--config', bad, urls[0]!])
    expect(b.code).toBe(2)
    expect(b.stderr).toContain('/http/perHostConnections')
    const gone = await datavakt(['check', '--config', join(dir, 'gone.json'), urls[0]!])
    expect(gone.code).toBe(2)
    expect(gone.stderr).toContain(`Konfigurationsfilen finns inte: ${join(dir, 'gone.json')} (från --config)`)
    const expect2 = await datavakt(['check', '--expect', 'banan', urls[0]!])
    expect(expect2.code).toBe(2)
    expect(expect2.stderr).toContain('--expect ska vara ett filformat')
  })

  it('a refused loopback address suggests --allow-private', async () => {
    const r = await datavakt(['check', `${server.url}/real.csv`])
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('Använd --allow-private')
    const en = await datavakt(['check', '--lang', 'en', '--json', `${server.url}/real.csv`])
    expect(en.stderr).toContain('Use --allow-private')
  })
})

describe('datavakt validate: an HTML page where a table was expected', () => {
  it('is invalid (exit 1) with a finding that says what kind of page came', async () => {
    const r = await datavakt(['validate', '--json', '--allow-private', `${server.url}/skolor.csv`])
    expect(r.code).toBe(1)
    const report = JSON.parse(r.stdout) as { valid: boolean; findings: { code: string; severity: string; message: string; hint?: string }[] }
    expect(report.valid).toBe(false)
    expect(report.findings.find((f) => f.code === 'landing-page')).toMatchObject({ severity: 'error', message: expect.stringMatching(/datafil väntades/) })
    const login = await datavakt(['validate', '--allow-private', '--lang', 'en', `${server.url}/data/badplatser`])
    expect(login.code).toBe(1)
    expect(login.stdout).toContain('INVALID')
    expect(login.stdout).toContain('sign-in form')
  })

  it('a page named .html is not expected to be a table', async () => {
    const r = await datavakt(['validate', '--allow-private', `${server.url}/om-oss.html`])
    expect(r.code).toBe(0)
  })

  it('a refused loopback address suggests --allow-private', async () => {
    const r = await datavakt(['validate', `${server.url}/real.csv`])
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('Använd --allow-private')
    expect(r.stdout).not.toMatch(/Could not fetch/)
  })
})
