import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { CheckTarget, ProbeSummary } from '../../../checks/types.js'
import { loadContentTargets } from '../../../src/content/load-targets.js'
import { harvestSource } from '../../../src/harvest/harvest-source.js'
import { createTestDb, type TestDb } from '../../helpers/test-db.js'
import { testDeps } from '../../harvest/deps.js'
import { send, serve, type TestServer } from '../../harvest/serve.js'

/** DIGG's DCAT-AP-SE examples, as the harvest tests read them. */
export const DCAT_AP_SE = fileURLToPath(new URL('../../harvest/fixtures/dcat-ap-se/', import.meta.url))

/**
 * Check targets the way production makes them: a catalogue is served on loopback,
 * harvested (fetch → parseRdf → DCAT reader → store) into a real database, and the targets
 * are loaded back with loadContentTargets. No second DCAT reader: what the metadata check
 * sees in these tests is what it sees in a sweep.
 */
export interface HarvestedTargets {
  /** Harvests `file` of DCAT_AP_SE (or a `body` made from it) and returns its one dataset as a target. */
  target(file: string, opts?: { edit?: (text: string) => string; probesByUrl?: Record<string, ProbeSummary> }): Promise<CheckTarget>
  close(): Promise<void>
}

export async function harvestedTargets(): Promise<HarvestedTargets> {
  const db: TestDb = await createTestDb()
  let body = ''
  let type = 'application/rdf+xml'
  const server: TestServer = await serve((_req, res) => send(res, body, type))
  const deps = testDeps()
  return {
    async target(file, opts = {}) {
      const text = readFileSync(`${DCAT_AP_SE}/${file}`, 'utf8')
      body = opts.edit ? opts.edit(text) : text
      type = file.endsWith('.ttl') ? 'text/turtle' : 'application/rdf+xml'
      const run = await harvestSource(db.db, { id: 'fixture', kind: 'dcat', url: `${server.origin}/${file}` }, deps)
      if (run.status !== 'ok') throw new Error(`harvest of ${file} failed: ${run.failure.code}`)
      const { datasets } = await loadContentTargets(db.db)
      if (datasets.length !== 1) throw new Error(`${file}: expected one live dataset, got ${datasets.length}`)
      const ds = datasets[0]!
      return {
        dataset: ds.info,
        distributions: ds.distributions.map((d) => d.info),
        dataServices: ds.dataServices,
        probesByUrl: opts.probesByUrl ?? {},
      }
    },
    async close() {
      await deps.engine.close()
      await server.close()
      await db.drop()
    },
  }
}
