import type { Message } from '../message.js'

/** Texts of operational errors a person reads (DatavaktError codes), keyed by a stable dotted key. */
export const errorsMessages = {} as const satisfies Record<string, Message>
