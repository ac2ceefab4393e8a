import type { MessageParams } from '../../domain/finding.js'
import { count, date } from '../format.js'
import type { Lang } from '../lang.js'
import { defineFindingMessages, render, type FindingMessage, type Message } from '../message.js'
import { probeMessages } from './probe.js'

/**
 * Finding texts of the availability verdict (checks/availability-verdict.ts): is the file
 * broken, degraded (failing, not yet for long enough to be called broken) or could it not
 * be judged. The probe code that decided it comes as the param `probeCode`; its meaning is
 * the probe's own text (probe.ts), and how to fix it is chosen here by that code.
 */

/** What the probe code says, in words; an unknown code is shown as it is. */
function probeText(lang: Lang, code: MessageParams[string]): string {
  const m = typeof code === 'string' && Object.prototype.hasOwnProperty.call(probeMessages, code) ? probeMessages[code as keyof typeof probeMessages] : undefined
  return m ? render(m.message, lang) : String(code ?? '')
}

/** How to fix a failing URL, by the probe code that failed it. */
const FIX_BY_CODE: Record<string, Message> = {
  'missing': { sv: 'Kontrollera adressen i katalogen: har filen flyttats eller bytt namn? Uppdatera länken eller lägg tillbaka filen.', en: 'Check the address in the catalogue: was the file moved or renamed? Update the link or put the file back.' },
  'server': { sv: 'Servern eller tjänsten har fel. Be den som driftar servern titta i sina loggar.', en: 'The server or service is failing. Ask whoever runs the server to check its logs.' },
  'login': { sv: 'Öppna data ska gå att hämta utan inloggning. Ta bort behörighetskravet för filen, eller ange rätt åtkomsträttigheter i katalogen.', en: 'Open data should download without a login. Lift the access restriction, or declare the access rights in the catalogue.' },
  'unreachable': { sv: 'Servern går inte att nå. Kontrollera att den är igång och att värdnamnet stämmer.', en: 'The server cannot be reached. Check that it is running and that the host name is right.' },
  'tls': { sv: 'Förnya eller rätta serverns TLS-certifikat (t.ex. med Let’s Encrypt).', en: "Renew or fix the server's TLS certificate (e.g. with Let's Encrypt)." },
  'redirects': { sv: 'Rätta omdirigeringarna på servern och ange filens slutliga https-adress i katalogen.', en: "Fix the server's redirects and put the file's final https address in the catalogue." },
  'partial': { sv: 'Filen levereras inte hel. Kontrollera att den finns kvar på servern och att ingen proxy klipper den.', en: 'The file is not delivered whole. Check that it is still on the server and that no proxy cuts it off.' },
  'address': { sv: 'Rätta adressen i katalogen så att den är en fullständig http- eller https-adress på det öppna internet.', en: 'Correct the address in the catalogue to a full http or https URL on the public internet.' },
  'other': { sv: 'Rätta länken eller servern så att filen går att hämta.', en: 'Fix the link or the server so the file can be downloaded.' },
}

const FIX_GROUP: Record<string, keyof typeof FIX_BY_CODE> = {
  'http-404': 'missing',
  'http-410': 'missing',
  'http-5xx': 'server',
  'api-error': 'server',
  'login-required': 'login',
  forbidden: 'login',
  timeout: 'unreachable',
  refused: 'unreachable',
  reset: 'unreachable',
  dns: 'unreachable',
  'tls-expired': 'tls',
  'tls-untrusted': 'tls',
  'tls-hostname': 'tls',
  'tls-error': 'tls',
  'redirect-loop': 'redirects',
  'too-many-redirects': 'redirects',
  'http-3xx': 'redirects',
  truncated: 'partial',
  'empty-body': 'partial',
  'invalid-url': 'address',
  'forbidden-target': 'address',
}

function fixFor(lang: Lang, p: MessageParams): string {
  // A probe code with its own fix (login-wall, landing-page, soft-404) says it itself.
  const own = typeof p.probeCode === 'string' && Object.prototype.hasOwnProperty.call(probeMessages, p.probeCode) ? (probeMessages[p.probeCode as keyof typeof probeMessages] as FindingMessage).hint : undefined
  if (own) return render(own, lang, p)
  const group = typeof p.probeCode === 'string' ? FIX_GROUP[p.probeCode] : undefined
  return render(FIX_BY_CODE[group ?? 'other'], lang)
}

/** "3 times in a row since 1 March 2026", or the first failure. */
function failureRun(lang: Lang, p: MessageParams): string {
  const n = Number(p.failures)
  if (n === 1) {
    return lang === 'sv' ? 'Första misslyckade försöket' : 'First failed attempt'
  }
  const since = p.since ? (lang === 'sv' ? ` sedan ${date(lang, p.since)}` : ` since ${date(lang, p.since)}`) : ''
  // A count that is not a number (a damaged row) is shown as it is, never as "NaN".
  const times = Number.isFinite(n) ? (lang === 'sv' ? count(lang, n, 'gång', 'gånger') : count(lang, n, 'time', 'times')) : String(p.failures ?? '')
  return lang === 'sv' ? `Misslyckats ${times} i rad${since}` : `Failed ${times} in a row${since}`
}

export const availabilityFindingMessages = defineFindingMessages({
  'availability-broken': { message: { sv: (p) => `Trasig: ${probeText('sv', p.probeCode)} ${failureRun('sv', p)}.`, en: (p) => `Broken: ${probeText('en', p.probeCode)} ${failureRun('en', p)}.` }, hint: { sv: (p) => fixFor('sv', p), en: (p) => fixFor('en', p) } },
  'availability-degraded': { message: { sv: (p) => `Instabil: ${probeText('sv', p.probeCode)} ${failureRun('sv', p)}; räknas som trasig först om felet består.`, en: (p) => `Degraded: ${probeText('en', p.probeCode)} ${failureRun('en', p)}; counted as broken only if it persists.` }, hint: { sv: (p) => fixFor('sv', p), en: (p) => fixFor('en', p) } },
  'availability-unverified': { message: { sv: (p) => `Tillgängligheten kunde inte avgöras: ${probeText('sv', p.probeCode)}`, en: (p) => `Availability could not be judged: ${probeText('en', p.probeCode)}` }, hint: { sv: (p) => p.probeCode === 'blocked' ? 'En bot-spärr stoppar automatiska kontroller. Undanta öppna data från spärren så att de går att hämta maskinellt.' : 'Ingen åtgärd behövs; adressen prövas igen vid nästa kontroll.', en: (p) => p.probeCode === 'blocked' ? 'A bot wall stops automated checks. Exempt open data from it so that machines can download them.' : 'No action needed; the address is tried again at the next check.' } },
})
