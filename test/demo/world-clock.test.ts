import { describe, expect, it } from 'vitest'
import { startWorld, type GroundTruthEntry } from '../../src/demo/start-world.js'
import { fetchRaw, header, useWorld } from './world-helpers.js'

const demo = useWorld({ seed: 5 })

const days = new Map<number, GroundTruthEntry[]>()
function truthOf(day: number): GroundTruthEntry[] {
  if (!days.has(day)) days.set(day, [...demo.world.truth(day)])
  return days.get(day)!
}

describe('clock', () => {
  it('ground truth changes across days: some break for good, some break and recover', () => {
    const day0 = truthOf(0)
    const day9 = truthOf(9)
    expect(day0.length).toBe(day9.length)
    const key = (e: GroundTruthEntry) => `${e.expected.outcome}/${e.expected.code}`
    const changed = day0.filter((e, i) => key(e) !== key(day9[i]))
    expect(changed.length).toBeGreaterThan(0)
    const forGood = day0.filter((e) => e.lifecycle?.kind === 'from')
    const recovering = day0.filter((e) => e.lifecycle?.kind === 'window')
    expect(forGood.length).toBeGreaterThan(0)
    expect(recovering.length).toBeGreaterThan(0)
    for (const e of forGood) {
      const from = e.lifecycle!.from!
      const before = truthOf(from - 1).find((x) => x.distributionIri === e.distributionIri)!
      expect(before.defects).not.toContain(e.baseDefect)
      expect(day9.find((x) => x.distributionIri === e.distributionIri)!.defects).toContain(e.baseDefect)
    }
    const w = recovering[0]
    const inside = truthOf(w.lifecycle!.from!).find((x) => x.distributionIri === w.distributionIri)!
    const after = truthOf(w.lifecycle!.until!).find((x) => x.distributionIri === w.distributionIri)!
    expect(inside.defects).toContain(w.baseDefect)
    expect(after.defects).not.toContain(w.baseDefect)
  })

  it('a defect that starts later is served on the wire from that day', async () => {
    const e = [...demo.world.truth(0)].find((x) => x.lifecycle?.kind === 'from' && x.baseDefect === 'http-404')
    expect(e).toBeDefined()
    demo.world.setDay(0)
    expect((await fetchRaw(demo.agent, e!.url)).status).toBe(200)
    demo.world.setDay(e!.lifecycle!.from!)
    expect((await fetchRaw(demo.agent, e!.url)).status).toBe(404)
    demo.world.setDay(0)
  })

  it('setDay changes Last-Modified, ETag and content of DAILY files, never of stale ones', async () => {
    const day0 = [...demo.world.truth(0)]
    const daily = day0.find((e) => e.periodicity === 'DAILY' && e.defects.length === 0 && e.baseDefect === null && e.kind === 'csv')!
    const stale = day0.find((e) => e.defects.includes('stale'))!
    expect(daily).toBeDefined()
    expect(stale).toBeDefined()
    expect(stale.periodicity).toBe('DAILY')
    demo.world.setDay(0)
    const d0 = await fetchRaw(demo.agent, daily.url)
    const s0 = await fetchRaw(demo.agent, stale.url)
    demo.world.setDay(4)
    expect(demo.world.day).toBe(4)
    const d4 = await fetchRaw(demo.agent, daily.url)
    const s4 = await fetchRaw(demo.agent, stale.url)
    demo.world.setDay(0)
    expect(header(d4.headers, 'last-modified')).not.toBe(header(d0.headers, 'last-modified'))
    expect(header(d4.headers, 'etag')).not.toBe(header(d0.headers, 'etag'))
    expect(d4.body.equals(d0.body)).toBe(false)
    expect(header(s4.headers, 'last-modified')).toBe(header(s0.headers, 'last-modified'))
    expect(header(s4.headers, 'etag')).toBe(header(s0.headers, 'etag'))
    expect(s4.body.equals(s0.body)).toBe(true)
    // The truth says what the wire says, and calls the stale file delinquent.
    expect(header(d4.headers, 'last-modified')).toBe([...demo.world.truth(4)].find((e) => e.url === daily.url)!.lastModified)
    expect([...demo.world.truth(4)].find((e) => e.url === stale.url)!.expected.freshness).toBe('delinquent')
    expect([...demo.world.truth(4)].find((e) => e.url === daily.url)!.expected.freshness).toBe('fresh')
  })

  it('refuses a negative or fractional day', () => {
    expect(() => demo.world.setDay(-1)).toThrow(RangeError)
    expect(() => demo.world.setDay(1.5)).toThrow(RangeError)
  })
})

describe('scale', () => {
  it('builds a 100,000-distribution world on 1,000 hosts and serves from it', async () => {
    const big = await startWorld({ seed: 2, distributions: 100_000, hosts: 1000 })
    try {
      expect(big.distributionCount).toBe(100_000)
      expect(big.hosts.length).toBeGreaterThan(900)
      expect(big.hosts.length).toBeLessThanOrEqual(1000)
      let n = 0
      let last: GroundTruthEntry | null = null
      for (const e of big.truth()) {
        n++
        last = e
      }
      expect(n).toBe(100_000)
      const res = await fetchRaw(demo.agent, big.catalogues[0].url)
      expect(res.status).toBe(200)
      if (last && last.expected.code === 'ok' && !last.defects.includes('huge-body') && !last.defects.includes('gzip-bomb')) {
        expect((await fetchRaw(demo.agent, last.url)).status).toBeLessThan(400)
      }
    } finally {
      await big.close()
    }
  })
})
