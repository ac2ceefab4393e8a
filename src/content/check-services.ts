import { judgeEndpointDescription, type FetchedDescription } from '../../checks/endpoint-description.js'
import type { Db } from '../db/database.js'
import { finishCheckRun, insertCheckResults, startCheckRun } from '../db/content-store.js'
import type { StoredFinding } from '../db/tables/content.js'
import { FetchBodyError, type FetchEngine } from '../fetch/fetch-engine.js'

/** The check id of a service's endpoint description (checks/endpoint-description.ts). */
export const ENDPOINT_DESCRIPTION_CHECK = 'endpoint-description'

/** A description is an API's manual, not its data: a few MB at most. */
const MAX_DESCRIPTION_BYTES = 16 * 1024 * 1024
const ACCEPT = 'application/vnd.oai.openapi+json, application/json, application/yaml, application/xml, text/xml;q=0.9, */*;q=0.5'
/** Descriptions fetched at once; the engine keeps each host polite on top. */
const LANES = 4

/**
 * Fetches the dcat:endpointDescription of every live data service (through the engine:
 * guarded, polite) and stores the verdict of checks/endpoint-description.ts as a check
 * result of the service: `distribution_iri` and `dataset_iri` are both the service's IRI
 * (a service is its own target; it serves any number of datasets). A service without a
 * description, or with one that is not an http(s) address, gets no result: the HVD check
 * reports the missing description. Returns how many results were stored.
 */
export async function checkServiceDescriptions(o: { db: Db; engine: FetchEngine; runId: number; now: Date; maxBytes: number }): Promise<number> {
  const services = await o.db
    .selectFrom('data_services')
    .select(['iri', 'endpoint_description'])
    .where('withdrawn_at', 'is', null)
    .where('endpoint_description', 'is not', null)
    .orderBy('iri')
    .execute()
  const todo = services.filter((s) => /^https?:\/\//i.test(s.endpoint_description ?? ''))
  let next = 0
  let stored = 0
  await Promise.all(
    Array.from({ length: Math.min(LANES, todo.length) }, async () => {
      while (next < todo.length) {
        const s = todo[next++]!
        const result = judgeEndpointDescription(await fetchDescription(o.engine, s.endpoint_description!, Math.min(o.maxBytes, MAX_DESCRIPTION_BYTES)))
        await insertCheckResults(o.db, [
          {
            runId: o.runId,
            distributionIri: s.iri,
            datasetIri: s.iri,
            checkId: ENDPOINT_DESCRIPTION_CHECK,
            dimension: 'conformance',
            status: result.status,
            findings: result.findings as StoredFinding[],
            facts: result.facts,
            at: o.now,
          },
        ])
        stored++
      }
    }),
  )
  return stored
}

/** The description's bytes, or why there are none (the probe code of the failure, `http-<status>` for an error answer). */
async function fetchDescription(engine: FetchEngine, url: string, maxBytes: number): Promise<FetchedDescription> {
  try {
    const doc = await engine.fetchDocument(url, { maxBytes, accept: ACCEPT })
    if (doc.status >= 400) return { ok: false, url, code: `http-${doc.status}` }
    return { ok: true, url, contentType: doc.contentType, body: doc.body }
  } catch (err) {
    if (err instanceof FetchBodyError) return { ok: false, url, code: String(err.params.probeCode ?? 'too-large') }
    throw err
  }
}

/**
 * The service checks as a run of their own (check_runs.kind `services`), so the content
 * run's alerts, which are about files and datasets, never see a service as a file.
 */
export async function runServiceChecks(o: { db: Db; engine: FetchEngine; now: Date; maxBytes: number }): Promise<number> {
  const runId = await startCheckRun(o.db, 'services', o.now)
  try {
    const results = await checkServiceDescriptions({ ...o, runId })
    await finishCheckRun(o.db, runId, 'ok', { results })
    return results
  } catch (err) {
    await finishCheckRun(o.db, runId, 'failed', {}, (err as Error)?.message ?? String(err)).catch(() => {})
    throw err
  }
}
