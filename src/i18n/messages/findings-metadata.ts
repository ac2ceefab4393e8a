import type { FindingMessage } from '../message.js'

/** Finding texts of the metadata check (DCAT-AP-SE, MQA, HVD), keyed by finding code. */
export const metadataFindingMessages = {} as const satisfies Record<string, FindingMessage>
