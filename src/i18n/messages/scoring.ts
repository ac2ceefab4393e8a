import { defineMessages } from '../message.js'

/** Texts of scoring (its errors), keyed by a stable dotted key starting with "scoring.". Its reasons are shown like findings: findings-scoring.ts. */
export const scoringMessages = defineMessages('scoring', {
  'scoring.not-a-day': { sv: (p) => `Inte en dag (ÅÅÅÅ-MM-DD): ${p.day}`, en: (p) => `Not a day (YYYY-MM-DD): ${p.day}` },
  'scoring.day-not-begun': { sv: (p) => `Dagen ${p.day} har inte börjat än`, en: (p) => `The day ${p.day} has not begun yet` },
})
