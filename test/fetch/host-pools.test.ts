import { afterEach, describe, expect, it } from 'vitest'
import { request } from 'undici'
import { HostPools } from '../../src/fetch/host-pools.js'
import { startServer, type LoopbackServer } from './loopback-server.js'

const open: { close(): Promise<void> }[] = []
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()))
})

/** A server that closes every connection after its answer (as after a refusal or a cut body). */
async function closingServer(): Promise<LoopbackServer> {
  const server = await startServer((_req, res) => {
    res.setHeader('connection', 'close')
    res.end('a,b\n1,2\n')
  })
  open.push(server)
  return server
}

describe('HostPools', () => {
  it('keeps one pool per origin while its connections close and reopen', async () => {
    const a = await closingServer()
    const b = await closingServer()
    const pools = new HostPools({ connections: 2, pipelining: 1 })
    open.push({ close: () => pools.destroy() })
    for (let i = 0; i < 5; i++) {
      for (const server of [a, b]) {
        const res = await request(`${server.url}/f${i}.csv`, { dispatcher: pools as never })
        expect(await res.body.text()).toBe('a,b\n1,2\n')
      }
    }
    // Every answer closed its connection: each request needed a new one, in the same pool.
    expect(a.connections()).toBe(5)
    expect(b.connections()).toBe(5)
    expect(pools.size).toBe(2)
  })

  it('closes pools unused since a moment, and makes a new one when its origin is asked again', async () => {
    const a = await closingServer()
    const pools = new HostPools({ connections: 2, pipelining: 1 })
    open.push({ close: () => pools.destroy() })
    await (await request(`${a.url}/x.csv`, { dispatcher: pools as never })).body.text()
    pools.closeIdle(Date.now() - 60_000)
    expect(pools.size).toBe(1)
    pools.closeIdle(Date.now() + 1)
    expect(pools.size).toBe(0)
    const res = await request(`${a.url}/y.csv`, { dispatcher: pools as never })
    expect(res.statusCode).toBe(200)
    await res.body.text()
    expect(pools.size).toBe(1)
  })
})
