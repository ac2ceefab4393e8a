import type { Message } from '../message.js'

/** Texts of the checks as operations: schema and registry errors, spool errors, keyed by a stable dotted key starting with "checks.". */
export const checksMessages = {} as const satisfies Record<string, Message>
