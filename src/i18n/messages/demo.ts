import type { Message } from '../message.js'

/** Texts of the simulated region and `datavakt demo`, keyed by a stable dotted key starting with "demo.". */
export const demoMessages = {} as const satisfies Record<string, Message>
