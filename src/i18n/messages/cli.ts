import type { Message } from '../message.js'

/** Texts of the datavakt command: usage, help, progress and errors, keyed by a stable dotted key starting with "cli.". */
export const cliMessages = {} as const satisfies Record<string, Message>
