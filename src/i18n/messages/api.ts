import type { Message } from '../message.js'

/** Texts of the JSON API: its errors, keyed by a stable dotted key starting with "api.". */
export const apiMessages = {} as const satisfies Record<string, Message>
