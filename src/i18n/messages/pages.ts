import type { Message } from '../message.js'

/** Texts of the dashboards (server-rendered pages), keyed by a stable dotted key starting with "pages.". */
export const pagesMessages = {} as const satisfies Record<string, Message>
