import { count, date } from '../format.js'
import { defineFindingMessages } from '../message.js'

/** What kind of web page came (src/fetch/web-page.ts), as a tail of the sentence. */
const PAGE: Record<'sv' | 'en', Record<string, string>> = { sv: { 'login-wall': ' (en inloggningssida)', 'soft-404': ' (en sida som säger att sidan inte finns)', 'landing-page': ' (t.ex. en portals startsida)' }, en: { 'login-wall': ' (a sign-in page)', 'soft-404': ' (a page saying the page does not exist)', 'landing-page': ' (such as a portal front page)' } }

/**
 * Finding texts of a probe's warnings that do not change its outcome (https→http
 * downgrade, certificate expiring soon), keyed by code. Their params are written by
 * src/fetch/probe-findings.ts. A finding stored without params still reads as a sentence.
 */
export const fetchFindingMessages = defineFindingMessages({
  'tls-expiring-soon': { message: { sv: (p) => p.days === undefined ? 'TLS-certifikatet går snart ut. Förnya det i tid.' : `TLS-certifikatet går ut om ${count('sv', p.days, 'dag', 'dagar')}${p.validTo ? ` (${date('sv', p.validTo)})` : ''}. Förnya det i tid.`, en: (p) => p.days === undefined ? 'The TLS certificate expires soon. Renew it in time.' : `The TLS certificate expires in ${count('en', p.days, 'day', 'days')}${p.validTo ? ` (${date('en', p.validTo)})` : ''}. Renew it in time.` } },
  'web-page-at-data-url': { message: { sv: (p) => `Adressen ser ut som en datafil (.${p.extension ?? 'csv'}) men svaret är en webbsida${PAGE.sv[String(p.page)] ?? ''}.`, en: (p) => `The address looks like a data file (.${p.extension ?? 'csv'}) but the answer is a web page${PAGE.en[String(p.page)] ?? ''}.` }, hint: { sv: 'Ange filens direkta adress. Med datavakt check --expect FORMAT räknas en webbsida där en datafil väntas som fel.', en: "Give the file's direct address. With datavakt check --expect FORMAT a web page where a data file is expected counts as failing." } },
  'https-downgrade': { message: { sv: 'En omdirigering leder från https till okrypterad http.', en: 'A redirect leads from https to unencrypted http.' } },
})
