import type { FindingMessage } from '../message.js'

/** Finding texts of format, encoding, CSV structure and schema conformance (the Frictionless-named codes), keyed by finding code. */
export const contentFindingMessages = {} as const satisfies Record<string, FindingMessage>
