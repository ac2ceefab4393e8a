import type { MessageParams } from '../../domain/finding.js'
import { isMessageKey, t } from '../catalogue.js'
import { bytes } from '../format.js'
import type { Lang } from '../lang.js'
import { defineFindingMessages, render } from '../message.js'
import { probeMessages } from './probe.js'

/**
 * Finding texts of what any check or the content run says about itself, keyed by finding
 * code (src/content/run-checks.ts, src/content/check-distribution.ts).
 */

/** Why the content could not be fetched: the probe's words for the code, else the code. */
function fetchText(lang: Lang, code: MessageParams[string]): string {
  const m = typeof code === 'string' && Object.prototype.hasOwnProperty.call(probeMessages, code) ? probeMessages[code as keyof typeof probeMessages] : undefined
  return m ? render(m.message, lang) : String(code ?? '')
}

/** Why a check could not run: a DatavaktError's own words (its code and params), else "an internal error". */
function whyNot(lang: Lang, p: MessageParams): string {
  if (typeof p.errorCode === 'string' && isMessageKey(p.errorCode)) return t(lang, p.errorCode, p)
  return lang === 'sv' ? 'ett internt fel' : 'an internal error'
}

/** The hint of a check that could not finish: it is tried again, and a lasting failure is the operator's to hear of. */
const runsAgain = { sv: 'Kontrollen körs igen vid nästa svep; består felet, rapportera det till den som driftar datavakt.', en: 'The check runs again at the next sweep; if the error persists, report it to whoever runs datavakt.' }

export const checksFindingMessages = defineFindingMessages({
  'content-unavailable': { message: { sv: (p) => `Innehållet kunde inte hämtas (${fetchText('sv', p.fetchCode)}); kontrollen kunde inte köras.`, en: (p) => `The content could not be fetched (${fetchText('en', p.fetchCode)}); the check could not run.` } },
  'checked-up-to-cap': { message: { sv: (p) => `Filen är större än gränsen; bara de första ${bytes('sv', p.bytes)} kontrollerades.`, en: (p) => `The file is larger than the limit; only the first ${bytes('en', p.bytes)} were checked.` }, hint: { sv: 'Resultatet gäller filens början. Överväg att dela upp mycket stora filer.', en: 'The result covers the start of the file. Consider splitting very large files.' } },
  'check-timeout': { message: { sv: (p) => `Kontrollen ${p.checkId} hann inte bli klar inom tidsgränsen för filen; resultatet är okänt.`, en: (p) => `The check ${p.checkId} did not finish within the file's time limit; the result is unknown.` }, hint: { sv: 'Filen kontrolleras igen vid nästa körning. Svarar servern mycket långsamt, eller hänvisar filen till ett schema på en långsam server, kan det löna sig att se över den.', en: 'The file is checked again at the next run. If the server answers very slowly, or the file refers to a schema on a slow server, that may be worth looking into.' } },
  'check-error': { message: { sv: (p) => `Kontrollen ${p.checkId} kunde inte köras: ${whyNot('sv', p)}.`, en: (p) => `The check ${p.checkId} could not run: ${whyNot('en', p)}.` }, hint: runsAgain },
  'check-out-of-memory': { message: { sv: (p) => `Kontrollen ${p.checkId} behövde mer minne än de ${p.heapMb} MB den får använda och avbröts; filen kunde inte kontrolleras.`, en: (p) => `The check ${p.checkId} needed more memory than the ${p.heapMb} MB it may use and was stopped; the file could not be checked.` }, hint: { sv: 'Mycket breda tabeller, enorma fält eller djupt nästlade dokument kräver mycket minne. Dela upp filen eller förenkla dess struktur.', en: 'Very wide tables, huge fields or deeply nested documents take a lot of memory. Split the file or simplify its structure.' } },
  'check-crashed': { message: { sv: (p) => `Kontrollen ${p.checkId} avbröts oväntat medan den läste filen; filen kunde inte kontrolleras.`, en: (p) => `The check ${p.checkId} stopped unexpectedly while reading the file; the file could not be checked.` }, hint: runsAgain },
})
