import { defaultConfig, type HarvestConfig } from '../../src/config/config.js'
import { createFetchEngine, type CreatedFetchEngine } from '../../src/fetch/create-fetch-engine.js'
import type { HarvestDeps } from '../../src/harvest/harvest-deps.js'

/**
 * Harvest dependencies for tests: the real fetch engine with the guard lifted (loopback
 * servers) and no per-host gap, plus harvest settings to override.
 */
export function testDeps(harvest: Partial<HarvestConfig> = {}): HarvestDeps & { engine: CreatedFetchEngine } {
  const engine = createFetchEngine({ ...defaultConfig.http, perHostGapMs: 0 }, { allowPrivateNetworks: true })
  return {
    engine,
    fetchDocument: engine.fetchDocument.bind(engine),
    harvest: { ...defaultConfig.harvest, entryscapeRequestsPerSecond: 1000, ...harvest },
  }
}
