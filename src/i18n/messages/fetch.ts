import type { MessageParams } from '../../domain/finding.js'
import { isProbeCode } from '../../domain/probe-codes.js'
import { bytes, count, num } from '../format.js'
import type { Lang } from '../lang.js'
import { defineMessages, render } from '../message.js'
import { probeMessages } from './probe.js'

/** Why no body came, in the words of its probe code (with the status when there was one). */
function why(lang: Lang, p: MessageParams): string {
  const code = String(p.probeCode ?? '')
  if (!isProbeCode(code)) return code
  return render(probeMessages[code].message, lang, p.status === undefined || p.status === null ? {} : { status: p.status })
}

/**
 * Texts of the HTTP engine's errors (src/fetch/fetch-errors.ts, the address guard), keyed
 * by a stable dotted key starting with "fetch.". A person reads them when a document, a
 * schema or a file cannot be fetched (CLI, harvest reports); logs get the English one.
 */
export const fetchMessages = defineMessages('fetch', {
  'fetch.forbidden-target': { sv: (p) => `Vägrade ansluta till ${p.host} (${p.address}): adressen är privat, lokal eller reserverad.`, en: (p) => `Refused to connect to ${p.host} (${p.address}): a private, loopback, link-local or reserved address.` },
  'fetch.budget-exceeded': { sv: (p) => `Tidsgränsen för adressen (${num('sv', p.ms, 0)} ms) tog slut.`, en: (p) => `The time budget for the address (${num('en', p.ms, 0)} ms) ran out.` },
  'fetch.engine-closed': { sv: 'Hämtmotorn stängdes innan förfrågan hann skickas.', en: 'The fetch engine was closed before the request was sent.' },
  'fetch.tls-rejected': { sv: (p) => `Serverns TLS-certifikat godtogs inte (${p.reason}).`, en: (p) => `The server's TLS certificate was rejected (${p.reason}).` },
  'fetch.no-body': { sv: (p) => `Kunde inte hämta ${p.url}: ${why('sv', p)}`, en: (p) => `Could not fetch ${p.url}: ${why('en', p)}` },
  'fetch.cut-off': { sv: (p) => `Överföringen av ${p.url} bröts efter ${count('sv', p.bytes, 'byte', 'byte')}.`, en: (p) => `The transfer of ${p.url} was cut off after ${count('en', p.bytes, 'byte', 'bytes')}.` },
  'fetch.stalled': { sv: (p) => `${p.url} slutade skicka data efter ${count('sv', p.bytes, 'byte', 'byte')}.`, en: (p) => `${p.url} stopped sending data after ${count('en', p.bytes, 'byte', 'bytes')}.` },
  'fetch.deadline': { sv: (p) => `Hämtningen av ${p.url} blev inte klar inom ${num('sv', p.ms, 0)} ms.`, en: (p) => `Fetching ${p.url} did not finish within ${num('en', p.ms, 0)} ms.` },
  'fetch.too-large': { sv: (p) => `${p.url} är större än gränsen på ${bytes('sv', p.limit)}.`, en: (p) => `${p.url} is larger than the limit of ${bytes('en', p.limit)}.` },
})
