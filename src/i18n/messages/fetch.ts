import type { Message } from '../message.js'

/** Texts of the HTTP engine: its errors (address guard, deadlines, caps), keyed by a stable dotted key starting with "fetch.". */
export const fetchMessages = {} as const satisfies Record<string, Message>
