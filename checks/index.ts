import type { Check } from './types.js'

/**
 * Every check datavakt runs, in the order they run. Add a check by importing its module
 * and listing it here; its `id` is stored, so never rename one.
 */
export const checks: readonly Check[] = []
