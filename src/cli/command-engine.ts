import type { Config, HttpConfig } from '../config/config.js'
import { createFetchEngine, type CreatedFetchEngine } from '../fetch/create-fetch-engine.js'

/**
 * The fetch engine of a command that reads the configuration: `http` (by default the
 * configured one), and private networks reachable when the command was given
 * --allow-private or the configuration allows them (allowPrivateNetworks).
 */
export function commandEngine(config: Config, allowPrivate: boolean | undefined, http: HttpConfig = config.http): CreatedFetchEngine {
  return createFetchEngine(http, { allowPrivateNetworks: allowPrivate === true || config.allowPrivateNetworks })
}
