import { beforeAll, expect, it } from 'vitest'
import { describeEachDb, type TestDb } from '../helpers/test-db.js'
import { defaultConfig } from '../../src/config/config.js'
import { createSweep } from '../../src/queue/create-sweep.js'
import { ProbeWriter } from '../../src/queue/probe-writer.js'
import type { RecordedProbes } from '../../src/db/probe-store.js'
import { probeResult, seedDistributions } from '../availability/seed-distributions.js'

let t: TestDb

/** Whether `p` has settled by the time the events already queued have run. */
async function settled(p: Promise<void>): Promise<boolean> {
  let done = false
  void p.then(() => (done = true))
  await new Promise((resolve) => setImmediate(resolve))
  return done
}

/**
 * `n` distributions tagged `tag` and a sweep of them, a writer over it (batches of 100 or
 * an hour: nothing is written until flush() is called), and how to add the i-th one's
 * probe and read back what the sweep holds.
 */
async function writerOver(tag: string, n: number, o: { onWritten?: (r: RecordedProbes) => void; maxQueued?: number } = {}) {
  const urls = Array.from({ length: n }, (_, i) => `http://127.0.0.1:9/${tag}/${i}`)
  await seedDistributions(t.db, urls.map((url, i) => ({ iri: `urn:${tag}:${i}`, url })))
  const { sweepId } = await createSweep(t.db, { trigger: 'test' })
  const writer = new ProbeWriter(t.db, 'w', defaultConfig.availability, 100, 3_600_000, o.onWritten ?? (() => {}), defaultConfig.alerts, 30_000, o.maxQueued)
  const at = new Date()
  const add = (i: number) => writer.add(sweepId, { distributionIri: `urn:${tag}:${i}`, host: '127.0.0.1:9', result: probeResult(urls[i]!, 'ok', 'ok', at) })
  const stored = async () =>
    (await t.db.selectFrom('probes').select('distribution_iri').where('sweep_id', '=', sweepId).execute()).map((r) => r.distribution_iri).sort()
  return { writer, add, stored }
}

describeEachDb('probe writer', (db) => {
  beforeAll(() => {
    t = db()
  })

  it('holds new probes back while maxQueued wait to be written, and lets them go once a batch is written', async () => {
    const { writer, add, stored } = await writerOver('writer', 4, { maxQueued: 3 })
    try {
      expect(writer.room()).toBeUndefined()
      const written = [add(0), add(1)]
      expect(writer.room()).toBeUndefined()
      written.push(add(2))
      const room = writer.room()
      expect(room).toBeInstanceOf(Promise)
      expect(await settled(room!)).toBe(false)
      await writer.flush()
      await Promise.all(written)
      expect(await settled(room!)).toBe(true)
      expect(writer.room()).toBeUndefined()
      expect(await stored()).toEqual(['urn:writer:0', 'urn:writer:1', 'urn:writer:2'])
    } finally {
      writer.close()
    }
  })

  it('a batch asked for while another is being written keeps filling and is written right after it, as one', async () => {
    const writes: number[] = []
    const { writer, add, stored } = await writerOver('group', 4, { onWritten: (r) => writes.push(r.inserted) })
    try {
      const first = add(0)
      const flushed = [writer.flush()]
      // Three hosts end while the first batch is being written, each asking for its probes.
      const rest = [1, 2, 3].map((i) => {
        const p = add(i)
        flushed.push(writer.flush())
        return p
      })
      await Promise.all([first, ...rest, ...flushed])
      expect(writes).toEqual([1, 3])
      expect(await settled(writer.flush())).toBe(true)
      expect(await stored()).toEqual(['urn:group:0', 'urn:group:1', 'urn:group:2', 'urn:group:3'])
    } finally {
      writer.close()
    }
  })

  it('a flush resolves only once what was queued before it is written', async () => {
    const { writer, add, stored } = await writerOver('flush', 2)
    try {
      void add(0)
      void writer.flush()
      void add(1)
      await writer.flush()
      expect(await stored()).toEqual(['urn:flush:0', 'urn:flush:1'])
    } finally {
      writer.close()
    }
  })

  it('close() lets every waiting probe go', async () => {
    const writer = new ProbeWriter(t.db, 'w', defaultConfig.availability, 100, 3_600_000, () => {}, defaultConfig.alerts, 30_000, 0)
    const room = writer.room()
    expect(room).toBeInstanceOf(Promise)
    expect(await settled(room!)).toBe(false)
    writer.close()
    expect(await settled(room!)).toBe(true)
  })
})
