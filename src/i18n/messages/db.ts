import type { Message } from '../message.js'

/** Texts of the database: opening, locking, migrating, keyed by a stable dotted key starting with "db.". */
export const dbMessages = {} as const satisfies Record<string, Message>
