import { afterAll, describe, expect, it } from 'vitest'
import { createHash } from 'node:crypto'
import { startWorld, type World } from '../../src/demo/start-world.js'
import { cleanEntry, connectOutcome, entryWith, fetchRaw, testAgent } from './world-helpers.js'

const agent = testAgent()
afterAll(() => agent.close())

async function catalogueHash(world: World, through = agent): Promise<string> {
  const h = createHash('sha256')
  for (const c of world.catalogues) h.update((await fetchRaw(through, c.url)).body)
  return h.digest('hex')
}

describe('addressing', () => {
  it('ips: one loopback address per host, one shared port', async () => {
    const world = await startWorld({ seed: 21, distributions: 400, hosts: 12 })
    try {
      expect(world.addressing).toBe('ips')
      const ips = new Set(world.hosts.map((h) => h.split(':')[0]))
      const ports = new Set(world.hosts.map((h) => h.split(':')[1]))
      expect(ips.size).toBe(world.hosts.length)
      expect([...ports]).toEqual([String(world.port)])
    } finally {
      await world.close()
    }
  })

  it('ports (the macOS fallback): everything on 127.0.0.1, one port per host, same behaviour', async () => {
    const world = await startWorld({ seed: 21, distributions: 400, hosts: 12, addressing: 'ports' })
    let hash: string
    let port: number
    try {
      expect(world.addressing).toBe('ports')
      expect(world.hosts.every((h) => h.startsWith('127.0.0.1:'))).toBe(true)
      expect(new Set(world.hosts).size).toBe(world.hosts.length)
      expect(world.catalogues[0].url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//)
      const clean = cleanEntry(world, { ignoresRange: false })
      expect((await fetchRaw(agent, clean.url)).status).toBe(200)
      expect((await fetchRaw(agent, entryWith(world, 'http-404').url)).status).toBe(404)
      expect(await connectOutcome(entryWith(world, 'refused').host)).toBe('ECONNREFUSED')
      const spec = await fetchRaw(agent, world.specs[0].uri)
      expect(JSON.parse(spec.body.toString())['@context']).toBe('http://www.w3.org/ns/csvw')
      hash = await catalogueHash(world)
      port = world.port
    } finally {
      await world.close()
    }
    // Deterministic too, given the same base port. A fresh agent: the old one's pooled
    // sockets point at the same host:port pairs, now closed.
    const again = await startWorld({ seed: 21, distributions: 400, hosts: 12, addressing: 'ports', port })
    const fresh = testAgent()
    try {
      expect(await catalogueHash(again, fresh)).toBe(hash)
    } finally {
      await fresh.close()
      await again.close()
    }
  })
})
