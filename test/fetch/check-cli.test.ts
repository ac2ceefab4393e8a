import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { spawn } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { startServer, startSlowServer, type LoopbackServer } from './loopback-server.js'
import { bin, jsonLines as lines, root, runCommand } from '../helpers/run-command.js'
import { tempFolder } from '../helpers/temp-folder.js'

const run = (cmd: string, args: string[], env: NodeJS.ProcessEnv = {}, timeout = 45_000) =>
  runCommand(cmd, args, { DATAVAKT_CONFIG: '/nonexistent/never-read.json', ...env }, timeout)
const check = (...args: string[]) => run(process.execPath, [bin, 'check', ...args])

let server: LoopbackServer
const dir = tempFolder('datavakt-check-')
let release: () => void = () => {}
const slowAnswer = new Promise<void>((r) => {
  release = r
  setTimeout(r, 20_000).unref()
})

beforeAll(async () => {
  server = await startServer((req, res) => {
    if (req.url === '/ok.csv') return void res.writeHead(200, { 'content-type': 'text/csv' }).end('a,b\n1,2\n')
    if (req.url === '/moved') return void res.writeHead(301, { location: '/ok.csv' }).end()
    if (req.url === '/busy') return void res.writeHead(429, { 'retry-after': '0' }).end()
    // Answers only once the test has seen the first result printed (or after 20 s).
    if (req.url === '/slow.csv') return void slowAnswer.then(() => res.writeHead(200, { 'content-type': 'text/csv' }).end('a\n1\n'))
    res.writeHead(404).end()
  })
})
afterAll(() => server.close())

describe('datavakt check', () => {
  it('--json prints one object per URL in input order; exit 1 when any is failing', async () => {
    const urls = [`${server.url}/ok.csv`, `${server.url}/missing.csv`, `${server.url}/moved`, 'not a url']
    const r = await check('--json', '--allow-private', ...urls)
    expect(r.code).toBe(1)
    const out = lines(r.stdout)
    expect(out.map((o) => [o.url, o.outcome, o.code])).toEqual([
      [urls[0], 'ok', 'ok'],
      [urls[1], 'failing', 'http-404'],
      [urls[2], 'ok', 'redirected'],
      [urls[3], 'failing', 'invalid-url'],
    ])
    for (const key of ['url', 'outcome', 'code', 'httpStatus', 'finalUrl', 'redirects', 'elapsedMs', 'contentType', 'findings']) {
      expect(out[0]).toHaveProperty(key)
    }
    expect(out[0]).toMatchObject({ httpStatus: 200, finalUrl: urls[0], redirects: 0, contentType: 'text/csv', findings: [] })
    expect(out[2]).toMatchObject({ finalUrl: `${server.url}/ok.csv`, redirects: 1 })
    expect(out[1].findings).toEqual([{ code: 'http-404', severity: 'error', params: { status: 404 }, message: expect.stringMatching(/filen finns inte.*\(HTTP 404\)/) }])
  })

  it('--json streams: a result is printed while a later URL is still waiting for its answer', async () => {
    const child = spawn(process.execPath, [bin, 'check', '--json', '--allow-private', `${server.url}/ok.csv`, `${server.url}/slow.csv`], {
      cwd: root,
      env: { ...process.env, DATAVAKT_CONFIG: '/nonexistent/never-read.json' },
    })
    let out = ''
    const exited = new Promise<number | null>((r) => child.once('exit', r))
    const firstLine = await new Promise<string>((r) => child.stdout.on('data', (b: Buffer) => (out += b) && out.includes('\n') && r(out)))
    expect(child.exitCode).toBeNull() // still running: the slow URL has not answered
    expect(JSON.parse(firstLine.split('\n')[0]!)).toMatchObject({ url: `${server.url}/ok.csv`, outcome: 'ok' })
    release()
    expect(await exited).toBe(0)
    expect(lines(out).map((o) => o.outcome)).toEqual(['ok', 'ok'])
  })

  it('exit 0 when every URL is ok or merely unverified; URLs can come from --urls-file', async () => {
    const file = join(dir, 'urls.txt')
    writeFileSync(file, `# publicerade filer\n${server.url}/ok.csv\n\n${server.url}/busy\n`)
    const r = await check('--json', '--allow-private', '--urls-file', file)
    expect(r.code).toBe(0)
    expect(lines(r.stdout).map((o) => [o.outcome, o.code])).toEqual([
      ['ok', 'ok'],
      ['unverified', 'rate-limited'],
    ])
  })

  it('without --allow-private, loopback is refused (failing / forbidden-target)', async () => {
    const r = await check('--json', `${server.url}/ok.csv`)
    expect(r.code).toBe(1)
    expect(lines(r.stdout)[0]).toMatchObject({ outcome: 'failing', code: 'forbidden-target' })
  })

  it('prints a Swedish table by default and English with --lang en', async () => {
    const sv = await check('--allow-private', `${server.url}/ok.csv`, `${server.url}/missing.csv`)
    expect(sv.code).toBe(1)
    expect(sv.stdout).toMatch(/RESULTAT\s+KOD\s+STATUS/)
    expect(sv.stdout).toContain('filen finns inte')
    expect(sv.stdout).toContain('2 adresser: 1 ok, 1 fungerar inte')
    const en = await check('--allow-private', '--lang', 'en', `${server.url}/missing.csv`)
    expect(en.stdout).toContain('the file is not at this address')
  })

  it('exit 2 with a clear message on usage errors', async () => {
    const none = await check('--json')
    expect(none.code).toBe(2)
    expect(none.stderr).toContain('inga adresser')
    const badFlag = await check('--jsonn', 'http://127.0.0.1/')
    expect(badFlag.code).toBe(2)
    expect(badFlag.stderr).toMatch(/--jsonn/)
    const noFile = await check('--urls-file', join(dir, 'does-not-exist.txt'))
    expect(noFile.code).toBe(2)
    expect(noFile.stderr).toMatch(/kan inte läsa --urls-file .*does-not-exist\.txt \(ENOENT\)/)
    expect(none.stdout + badFlag.stdout + noFile.stdout).toBe('')
  })

  it('checks hundreds of URLs across many hosts concurrently, politely per host', async () => {
    const shared = { now: 0, peak: 0 }
    const hosts = await Promise.all(Array.from({ length: 20 }, (_, i) => startSlowServer(30, shared, `127.0.1.${i + 1}`)))
    try {
      const urls = hosts.flatMap((h) => Array.from({ length: 10 }, (_, j) => `${h.url}/f${j}.csv`))
      const file = join(dir, 'many.txt')
      writeFileSync(file, urls.join('\n'))
      const r = await check('--json', '--allow-private', '--urls-file', file)
      expect(r.code).toBe(0)
      const out = lines(r.stdout)
      expect(out).toHaveLength(200)
      expect(out.map((o) => o.url)).toEqual(urls)
      expect(out.every((o) => o.code === 'ok')).toBe(true)
      expect(shared.peak).toBeGreaterThan(10) // many hosts at once ...
      for (const h of hosts) expect(h.peakOpen()).toBeLessThanOrEqual(2) // ... each politely
    } finally {
      await Promise.all(hosts.map((h) => h.close()))
    }
  })

  it('works through npx in the clone', { timeout: 200_000 }, async () => {
    // A private npm cache, offline: the shared ~/.npm/_npx is written by every clone on
    // the machine, and nothing here needs the registry. npx reads the whole installed tree
    // first, which takes a while on a busy machine. No scripts: npx treats the clone as a
    // package to set up and ran its `prepare` (the build), which empties dist/ while other
    // test files run the built command (CI's Node 24 leg failed so).
    const env = { npm_config_cache: join(dir, 'npm-cache'), npm_config_offline: 'true', npm_config_update_notifier: 'false', npm_config_ignore_scripts: 'true' }
    const r = await run('npx', ['--no-install', 'datavakt', 'check', '--json', '--allow-private', `${server.url}/ok.csv`], env, 180_000)
    expect(r.code).toBe(0)
    expect(lines(r.stdout)[0]).toMatchObject({ code: 'ok' })
  })
})
