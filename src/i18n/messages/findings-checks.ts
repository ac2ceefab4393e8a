import type { FindingMessage } from '../message.js'

/** Finding texts of what any check or the content run may say about itself (check-error, content-unavailable, checked-up-to-cap, ...), keyed by finding code. */
export const checksFindingMessages = {} as const satisfies Record<string, FindingMessage>
