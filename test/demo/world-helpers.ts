import { connect } from 'node:net'
import { request, Agent } from 'undici'
import { afterAll, beforeAll } from 'vitest'
import { startWorld, type GroundTruthEntry, type World, type WorldOptions } from '../../src/demo/start-world.js'

/** An agent that does not pool aggressively, so connection-level defects are seen per request. */
export function testAgent(): Agent {
  return new Agent({ connections: 4, headersTimeout: 10_000, bodyTimeout: 10_000, keepAliveTimeout: 1000 })
}

/**
 * A test file's world, started with `options` before its tests, and a testAgent to read it
 * with; both closed after them. `world` and `agent` are there from the file's first test.
 */
export function useWorld(options: WorldOptions): { readonly world: World; readonly agent: Agent } {
  let world: World | undefined
  let agent: Agent | undefined
  beforeAll(async () => {
    world = await startWorld(options)
    agent = testAgent()
  })
  afterAll(async () => {
    await agent?.close()
    await world?.close()
  })
  return {
    get world() {
      if (!world) throw new Error('useWorld: the world starts before the first test')
      return world
    },
    get agent() {
      if (!agent) throw new Error('useWorld: the agent is made before the first test')
      return agent
    },
  }
}

/** First ground-truth entry of the day whose active defects include `defect`; fails the test when none. */
export function entryWith(world: World, defect: string, day = world.day): GroundTruthEntry {
  for (const e of world.truth(day)) if (e.defects.includes(defect)) return e
  throw new Error(`no distribution with defect ${defect} on day ${day}`)
}

/** A clean entry (no defect at all) served by a host that honours Range, or one that ignores it. */
export function cleanEntry(world: World, opts: { ignoresRange: boolean; kind?: string; periodicity?: string }): GroundTruthEntry {
  for (const e of world.truth()) {
    if (e.defects.length === 0 && e.baseDefect === null && e.ignoresRange === opts.ignoresRange && (!opts.kind || e.kind === opts.kind) && (!opts.periodicity || e.periodicity === opts.periodicity)) return e
  }
  throw new Error('no clean entry')
}

/** GET/HEAD without following redirects; returns status, headers and the whole body. */
export async function fetchRaw(agent: Agent, url: string, init: { method?: 'GET' | 'HEAD'; headers?: Record<string, string> } = {}) {
  const res = await request(url, { dispatcher: agent, method: init.method ?? 'GET', headers: init.headers })
  const body = Buffer.from(await res.body.arrayBuffer())
  return { status: res.statusCode, headers: res.headers, body }
}

/** The header value as a single string. */
export function header(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const v = headers[name]
  return Array.isArray(v) ? v[0] : v
}

/** What a bare TCP connect to `host` (ip:port) gets: 'connected', or the error's code (ECONNREFUSED for a dead host). */
export function connectOutcome(host: string): Promise<string> {
  const [ip, port] = host.split(':')
  return new Promise<string>((resolve) => {
    const s = connect(Number(port), ip)
    s.on('connect', () => {
      s.destroy()
      resolve('connected')
    })
    s.on('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? 'error'))
  })
}
