import type { Message } from '../message.js'

/** Texts of the dashboards (server-rendered pages), keyed by a stable dotted key. */
export const pagesMessages = {} as const satisfies Record<string, Message>
