import { defineFindingMessages } from '../message.js'

/**
 * Texts of the reasons scoring adds itself (src/scoring/score-distribution.ts), shown like
 * findings: a check that failed or warned without a finding that says why. Param: `checkId`.
 */
export const scoringFindingMessages = defineFindingMessages({
  'check-failed': { message: { sv: (p) => `Kontrollen ${p.checkId} underkände filen utan att ange något fel.`, en: (p) => `The check ${p.checkId} failed the file without naming an error.` }, hint: { sv: 'Kör kontrollen igen; består det, rapportera det till den som driftar datavakt.', en: 'Run the check again; if it persists, report it to whoever runs datavakt.' } },
  'check-warned': { message: { sv: (p) => `Kontrollen ${p.checkId} gav en varning utan att ange vad.`, en: (p) => `The check ${p.checkId} warned without saying what about.` } },
})
