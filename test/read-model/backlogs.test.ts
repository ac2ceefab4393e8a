/**
 * What the backlog gauges read (src/telemetry/instruments.ts: observeBacklogs): the work
 * queue's depth and the outbox's backlog, on PGlite and PostgreSQL.
 */
import { expect, it } from 'vitest'
import { describeEachDb } from '../helpers/test-db.js'
import { emptyDatasetColumns, emptyDistributionColumns } from '../helpers/empty-dataset-columns.js'
import { json } from '../../src/db/json.js'
import { queueDepth } from '../../src/read-model/work-runs.js'
import { outboxBacklog } from '../../src/read-model/outbox.js'
import { createSweep } from '../../src/queue/create-sweep.js'
import { claimHost, releaseHost } from '../../src/queue/claim-host.js'

describeEachDb('backlogs for /metrics', (t) => {
  it('queue depth: hosts of running sweeps and the URLs on them, by state, 0 when idle', async () => {
    const db = t().db
    expect(await queueDepth(db)).toEqual([
      { state: 'pending', hosts: 0, urls: 0 },
      { state: 'leased', hosts: 0, urls: 0 },
    ])
    await db.insertInto('catalogue_sources').values({ id: 's', kind: 'dcat', url: 'http://127.0.0.1:9/catalog' }).execute()
    await db.insertInto('datasets').values({ iri: 'urn:ds', source_id: 's', organisation_iri: 'urn:org', ...emptyDatasetColumns(), record_hash: 'h' }).execute()
    const urls = { 'a.test': 3, 'b.test': 2, 'c.test': 1 }
    for (const [host, n] of Object.entries(urls)) {
      for (let i = 0; i < n; i++) {
        await db.insertInto('distributions').values({ iri: `urn:d:${host}:${i}`, dataset_iri: 'urn:ds', ...emptyDistributionColumns(), download_url: `http://${host}/${i}.csv`, host, record_hash: 'h' }).execute()
      }
    }
    const { sweepId } = await createSweep(db, { trigger: 'test' })
    const claim = await claimHost(db, { workerId: 'w', leaseSeconds: 60, sweepId }) // the biggest host first
    expect(claim?.host).toBe('a.test')
    const done = await claimHost(db, { workerId: 'w', leaseSeconds: 60, sweepId })
    await releaseHost(db, done!, { done: true })
    expect(await queueDepth(db)).toEqual([
      { state: 'pending', hosts: 1, urls: 1 },
      { state: 'leased', hosts: 1, urls: 3 },
    ])
  })

  it('outbox backlog: messages not sent, per channel and state, every pair present', async () => {
    const db = t().db
    const add = (id: string, channel: 'email' | 'webhook', attempts: number, sent: boolean) =>
      db
        .insertInto('outbox')
        .values({ message_id: `<${id}@datavakt>`, channel, recipient: 'x@kommun.test', subject: id, body_text: id, body_html: id, headers: json({}), attempts, next_attempt_at: new Date(), ...(sent ? { sent_at: new Date(), sent_via: 'file' } : {}) })
        .execute()
    await add('1', 'email', 0, false)
    await add('2', 'email', 0, false)
    await add('3', 'email', 3, false)
    await add('4', 'email', 1, true)
    await add('5', 'webhook', 0, true)
    expect(await outboxBacklog(db)).toEqual([
      { channel: 'email', state: 'waiting', count: 2 },
      { channel: 'email', state: 'failed', count: 1 },
      { channel: 'webhook', state: 'waiting', count: 0 },
      { channel: 'webhook', state: 'failed', count: 0 },
    ])
  })
})
