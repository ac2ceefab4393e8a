import type { Message } from '../message.js'

/** Texts of the public badges, keyed by a stable dotted key starting with "badges.". */
export const badgesMessages = {} as const satisfies Record<string, Message>
