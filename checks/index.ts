import type { Check } from './types.js'
import { availabilityCheck } from './availability.js'
import { conformanceCheck } from './conformance.js'
import { csvStructureCheck } from './csv-structure.js'
import { encodingCheck } from './encoding.js'
import { formatCheck } from './format.js'
import { freshnessCheck } from './freshness.js'
import { jsonStructureCheck } from './json-structure.js'
import { metadataCheck } from './metadata.js'

/**
 * Every check datavakt runs, in the order they run. Add a check by importing its module
 * and listing it here; its `id` is stored, so never rename one.
 */
export const checks: readonly Check[] = [availabilityCheck, formatCheck, encodingCheck, csvStructureCheck, jsonStructureCheck, conformanceCheck, freshnessCheck, metadataCheck]
