import type { Message } from '../message.js'

/** Texts of harvest warnings and catalogue errors, keyed by a stable dotted key starting with "harvest.". */
export const harvestMessages = {} as const satisfies Record<string, Message>
