import type { Message } from '../message.js'

/** Texts of configuration errors, keyed by a stable dotted key starting with "config.". */
export const configMessages = {} as const satisfies Record<string, Message>
