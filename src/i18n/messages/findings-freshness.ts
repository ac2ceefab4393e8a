import type { FindingMessage } from '../message.js'

/** Finding texts of the freshness check, keyed by finding code. */
export const freshnessFindingMessages = {} as const satisfies Record<string, FindingMessage>
