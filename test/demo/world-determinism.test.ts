import { afterAll, describe, expect, it } from 'vitest'
import { createHash } from 'node:crypto'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startWorld, type World } from '../../src/demo/start-world.js'
import { fetchRaw, testAgent } from './world-helpers.js'

const dirs: string[] = []
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true })
})

/** Hash of every catalogue, every spec, the ground truth of days 0 and 3, and a sample of bodies. */
async function fingerprint(world: World): Promise<{ catalogues: string; truth: string; bodies: string }> {
  // A fresh agent per world: worlds reuse host:port pairs, and a pooled socket of the
  // previous world would be closed under us.
  const agent = testAgent()
  try {
    return await fingerprintWith(world, agent)
  } finally {
    await agent.close()
  }
}

async function fingerprintWith(world: World, agent: ReturnType<typeof testAgent>): Promise<{ catalogues: string; truth: string; bodies: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'world-truth-'))
  dirs.push(dir)
  const cat = createHash('sha256')
  for (const c of world.catalogues) cat.update((await fetchRaw(agent, c.url)).body)
  for (const s of world.specs) cat.update((await fetchRaw(agent, s.uri)).body)
  const file = join(dir, 'truth.jsonl')
  await world.writeGroundTruth(file, [0, 3])
  const truthText = await readFile(file)
  const bodies = createHash('sha256')
  let n = 0
  for (const e of world.truth()) {
    if (n++ % 97 !== 0 || e.expected.code !== 'ok' || e.defects.some((d) => d === 'huge-body' || d === 'gzip-bomb')) continue
    const res = await fetchRaw(agent, e.url)
    bodies.update(res.body)
    bodies.update(String(res.headers['etag']))
    bodies.update(String(res.headers['last-modified']))
  }
  return { catalogues: cat.digest('hex'), truth: createHash('sha256').update(truthText).digest('hex'), bodies: bodies.digest('hex') }
}

describe('determinism', () => {
  it('same seed → byte-identical catalogues, bodies and ground truth; another seed → different', async () => {
    const a = await startWorld({ seed: 11 })
    const fa = await fingerprint(a)
    const port = a.port
    const lines = (await readFile(join(dirs[0], 'truth.jsonl'), 'utf8')).trim().split('\n')
    expect(lines).toHaveLength(2 * a.distributionCount)
    await a.close()

    const b = await startWorld({ seed: 11, port })
    expect(await fingerprint(b)).toEqual(fa)
    await b.close()

    const c = await startWorld({ seed: 12, port })
    const fc = await fingerprint(c)
    await c.close()
    expect(fc.catalogues).not.toBe(fa.catalogues)
    expect(fc.truth).not.toBe(fa.truth)
  })
})
