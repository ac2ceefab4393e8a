import type { Message } from '../message.js'

/** Texts of the `datavakt validate` report, keyed by a stable dotted key starting with "validate.". */
export const validateMessages = {} as const satisfies Record<string, Message>
