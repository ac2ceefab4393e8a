import type { Message } from '../message.js'

/** Texts of scoring: reasons a score lost points that no check worded, keyed by a stable dotted key starting with "scoring.". */
export const scoringMessages = {} as const satisfies Record<string, Message>
