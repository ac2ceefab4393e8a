import { describe, expect, it } from 'vitest'
import { spawn } from 'node:child_process'
import { createInterface } from 'node:readline'
import { readdirSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'

/**
 * `datavakt demo` end to end, as a new user runs it (smaller world, same pipeline):
 * world → harvest → availability, content checks and scores for each day → dashboard.
 */
describe('datavakt demo', () => {
  it('runs the whole job on the simulated region, prints the dashboard URL on its own line and serves all five dimensions', async () => {
    const child = spawn(process.execPath, ['bin/datavakt.js', 'demo', '--size', '150', '--days', '3', '--port', '0'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    const lines: string[] = []
    let stderr = ''
    child.stderr.on('data', (d) => (stderr += d))
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL within 300 s:\n${lines.join('\n')}\n${stderr}`)), 300_000)
      child.once('exit', (code) => reject(new Error(`demo exited early (${code}):\n${lines.join('\n')}\n${stderr}`)))
      createInterface({ input: child.stdout }).on('line', (line) => {
        lines.push(line)
        if (/^http:\/\/127\.0\.0\.1:\d+\/$/.test(line)) {
          clearTimeout(timer)
          resolve(line)
        }
      })
    })
    try {
      const text = lines.join('\n')
      expect(text).toMatch(/Skördat 50\/50 kataloger/)
      // Every distribution's URL plus the data services' endpoints, the same set each day.
      const probed = [1, 2, 3].map((day) => Number(new RegExp(`dag ${day}/3 .*tillgänglighet för (\\d+) adresser`).exec(text)?.[1]))
      expect(probed[0]).toBeGreaterThanOrEqual(150)
      expect(probed).toEqual([probed[0], probed[0], probed[0]])
      const region = (await (await fetch(`${url}api/region`)).json()) as { region: Record<string, number | null>; trend: unknown[] }
      for (const d of ['availability', 'freshness', 'format', 'conformance', 'metadata', 'total']) {
        expect(region.region[d], d).toBeTypeOf('number')
      }
      expect(region.trend).toHaveLength(3)
      const orgs = (await (await fetch(`${url}api/organisations`)).json()) as { organisations: unknown[] }
      expect(orgs.organisations.length).toBeGreaterThan(10)
      const page = await (await fetch(url)).text()
      expect(page).toContain('Göteborgs Stad')
      // The e-mails a publisher and a follower would have received: a folder of .eml files,
      // printed on a line of its own, and the same on the admin page.
      const mailLine = lines.findIndex((l) => /^E-brev som en publicist, en följare/.test(l))
      const dir = lines[mailLine + 1]!
      const emls = readdirSync(dir).filter((f) => f.endsWith('.eml'))
      expect(emls.length).toBeGreaterThan(1)
      const all = emls.map((f) => readFileSync(join(dir, f), 'utf8')).join('\n')
      expect(all).toMatch(/^To: data@org-\d+\.demo\.test/m)
      expect(all).toMatch(/^To: foljare@demo\.test/m)
      const admin = await (await fetch(`${url}admin/outbox`)).text()
      expect(admin).toContain('foljare@demo.test')
      expect(admin).toMatch(/data@org-\d+\.demo\.test/)
      rmSync(dir, { recursive: true, force: true })
    } finally {
      const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)))
      child.kill('SIGINT')
      expect(await exited).toBe(0)
    }
  }, 360_000)
})
