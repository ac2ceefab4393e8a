import type { FindingMessage } from '../message.js'

/** Finding texts of a probe's warnings that do not change its outcome (https→http downgrade, certificate expiring soon, ...), keyed by code. */
export const fetchFindingMessages = {} as const satisfies Record<string, FindingMessage>
