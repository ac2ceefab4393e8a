import { describe, expect, it } from 'vitest'
import { Agent, request } from 'undici'
import { startWorld } from '../../src/demo/start-world.js'
import { defectNames, defectRules } from '../../src/demo/defect-rules.js'
import { WorldModel } from '../../src/demo/world-model.js'
import { entryWith } from './world-helpers.js'

async function until(check: () => boolean, ms = 5_000): Promise<boolean> {
  const end = Date.now() + ms
  while (Date.now() < end) {
    if (check()) return true
    await new Promise((r) => setTimeout(r, 20))
  }
  return check()
}

describe('clients that hang up early', () => {
  it('leaves no stalled timers or open connections behind', async () => {
    const world = await startWorld({ seed: 9, slowMs: 60_000 })
    const agent = new Agent({ connections: 8, headersTimeout: 300, bodyTimeout: 5_000 })
    try {
      for (const defect of ['timeout', 'no-response']) {
        const e = entryWith(world, defect)
        await Promise.all(Array.from({ length: 4 }, () => request(e.url, { dispatcher: agent }).catch(() => null)))
      }
      for (const defect of ['huge-body', 'gzip-bomb']) {
        const e = entryWith(world, defect)
        for (let i = 0; i < 5; i++) {
          const res = await request(e.url, { dispatcher: agent })
          for await (const _ of res.body) break
          res.body.destroy()
        }
      }
      // Prefix readers: take the first chunk of a normal file and close.
      let n = 0
      for (const e of world.truth()) {
        if (e.expected.code !== 'ok' || e.defects.length > 0 || n++ > 20) continue
        const res = await request(e.url, { dispatcher: agent, headers: { range: 'bytes=0-15' } })
        for await (const _ of res.body) break
        res.body.destroy()
      }
      await agent.close()
      expect(await until(() => world.stats().pendingStalls === 0)).toBe(true)
      expect(await until(() => world.stats().openConnections === 0)).toBe(true)
      expect(world.stats().requests).toBeGreaterThan(30)
      // The agent allowed 8 connections per origin: per-host counts show it.
      const stats = world.hostStats()
      expect(stats.every((h) => h.open === 0)).toBe(true)
      expect(Math.max(...stats.map((h) => h.maxOpen))).toBeGreaterThan(1)
      expect(Math.max(...stats.map((h) => h.maxOpen))).toBeLessThanOrEqual(8)
      expect(stats.reduce((sum, h) => sum + h.requests, 0)).toBe(world.stats().requests)
    } finally {
      await agent.destroy().catch(() => {})
      await world.close()
    }
  })
})

describe('defect coverage', () => {
  it('a default-sized world has every defect active on day 0, whatever the seed', () => {
    for (const seed of [1, 2, 3, 4, 5, 42, 1234]) {
      const m = new WorldModel({ seed, distributions: 2000, hosts: 60, organisations: 50, defectRate: 0.3 })
      const present = new Set<string>()
      for (let d = 0; d < m.distributionCount; d++) {
        const a = m.activeDefect(d, 0)
        if (a) present.add(a)
      }
      expect([...defectNames].filter((n) => !present.has(n)), `seed ${seed}`).toEqual([])
    }
  })

  it('defectRate and defectWeights are honoured', () => {
    const none = new WorldModel({ seed: 1, distributions: 2000, hosts: 60, organisations: 50, defectRate: 0 })
    const only404 = new WorldModel({ seed: 1, distributions: 2000, hosts: 60, organisations: 50, defectRate: 0.5, defectWeights: Object.fromEntries(defectNames.map((n) => [n, n === 'http-404' ? 1 : 0])) })
    let count404 = 0
    for (let d = 0; d < 2000; d++) {
      expect(none.baseDefect(d)).toBeNull()
      const b = only404.baseDefect(d)
      if (b) expect(b).toBe('http-404')
      if (b === 'http-404') count404++
    }
    expect(count404).toBeGreaterThan(800)
    expect(count404).toBeLessThan(1200)
    expect(defectRules['http-404'].code).toBe('http-404')
  })
})
