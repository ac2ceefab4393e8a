import type { StoredFinding } from '../db/tables/content.js'
import { describeFinding, t } from '../i18n/catalogue.js'
import type { Lang } from '../i18n/lang.js'

/**
 * The words of one digest, made from the message catalogue in the recipient's language:
 * a subject, plain text and HTML. Pure; the outbox stores what this returns.
 */

/** One alert as a digest shows it. */
export interface DigestItem {
  subject: string
  subjectKind: 'distribution' | 'dataset' | 'catalogue'
  problem: string
  datasetIri: string | null
  datasetTitle: string | null
  /** The file's address (the URL probed for the distribution); null for a dataset or catalogue. */
  url: string | null
  intermittent: boolean
  badSince: Date | null
  resolvedAt: Date | null
  evidence: StoredFinding[]
  /** Total-score points gained by fixing it (from the problems read model), when known. */
  pointsToGain: number | null
}

export interface Digest {
  opened: DigestItem[]
  open: DigestItem[]
  resolved: DigestItem[]
}

/** The signed links a digest carries (src/alerts/digest-links.ts) and why it is sent. */
export interface DigestLinks {
  role: 'contact' | 'follower' | 'contact-point'
  snoozeDays: number
  unsubscribe: string
  snooze: string
  stopDataset(datasetIri: string): string
}

/** RFC 2369 and RFC 8058: the one-click unsubscribe a mail client offers. */
export function listHeaders(unsubscribeUrl: string): Record<string, string> {
  return { 'List-Unsubscribe': `<${unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' }
}

const FOOTER = { contact: 'alerts.digest.footer', follower: 'alerts.digest.footer-follower', 'contact-point': 'alerts.digest.footer-contact-point' } as const

/** The footer: why this comes, and the links to stop it. */
function footer(lang: Lang, links: DigestLinks | undefined): { text: string[]; html: string[] } {
  const why = t(lang, links ? FOOTER[links.role] : 'alerts.digest.footer')
  if (!links) return { text: ['--', why], html: [`<hr><p>${escapeHtml(why)}</p>`] }
  const unsub = t(lang, 'alerts.links.unsubscribe-all')
  const snooze = t(lang, 'alerts.links.snooze-all', { days: links.snoozeDays })
  return {
    text: ['--', why, `${unsub}: ${links.unsubscribe}`, `${snooze}: ${links.snooze}`],
    html: [
      `<hr><p>${escapeHtml(why)}</p>`,
      `<p><a href="${escapeHtml(links.unsubscribe)}">${escapeHtml(unsub)}</a> · <a href="${escapeHtml(links.snooze)}">${escapeHtml(snooze)}</a></p>`,
    ],
  }
}

export interface RenderedDigest {
  subject: string
  text: string
  html: string
}

/** A header value on one line: CR, LF and other controls become spaces. */
export function oneLine(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ').trim()
}

export const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)

export function problemTitle(item: Pick<DigestItem, 'problem'>, lang: Lang): string {
  if (item.problem === 'availability') return t(lang, 'alerts.problem.availability')
  if (item.problem === 'harvest') return t(lang, 'alerts.problem.harvest')
  if (item.problem === 'columns') return t(lang, 'alerts.problem.columns')
  return t(lang, 'alerts.problem.check', { check: item.problem.replace(/^check:/, '') })
}

/** The lines of one item: title, what, since, evidence with its fix, points, link. */
function itemLines(item: DigestItem, lang: Lang, publicUrl: string | undefined, resolved: boolean): { lines: string[]; link: string | null } {
  const name = oneLine(item.datasetTitle ?? item.subject)
  const when = resolved
    ? t(lang, 'alerts.problem.resolved-on', { at: item.resolvedAt?.toISOString() ?? '' })
    : t(lang, 'alerts.problem.since', { since: item.badSince?.toISOString() ?? '' })
  const lines = [`${name}: ${problemTitle(item, lang)} (${when})`]
  // Where the problem is: the file's address (what a publisher can open), else the subject's IRI.
  if (item.subjectKind !== 'catalogue' && item.subject !== item.datasetIri) lines.push(item.url ?? item.subject)
  if (!resolved) {
    if (item.intermittent) lines.push(t(lang, 'alerts.problem.intermittent'))
    for (const f of item.evidence.slice(0, 3)) {
      const d = describeFinding(f, lang)
      lines.push(`- ${oneLine(d.message)}`)
      if (d.hint) lines.push(`  ${t(lang, 'alerts.problem.fix', { hint: oneLine(d.hint) })}`)
    }
    if (item.pointsToGain) lines.push(t(lang, 'alerts.problem.points', { points: item.pointsToGain }))
  }
  const link = publicUrl && item.datasetIri ? `${publicUrl.replace(/\/$/, '')}/dataset?iri=${encodeURIComponent(item.datasetIri)}` : null
  return { lines, link }
}

export function renderDigest(d: Digest, lang: Lang, publicUrl: string | undefined, links?: DigestLinks): RenderedDigest {
  const summary = [
    t(lang, 'alerts.digest.count-new', { n: d.opened.length }),
    t(lang, 'alerts.digest.count-open', { n: d.open.length }),
    t(lang, 'alerts.digest.count-resolved', { n: d.resolved.length }),
  ].join(', ')
  const sections: [string, DigestItem[], boolean][] = [
    [t(lang, 'alerts.digest.section-new'), d.opened, false],
    [t(lang, 'alerts.digest.section-open'), d.open, false],
    [t(lang, 'alerts.digest.section-resolved'), d.resolved, true],
  ]
  const text: string[] = [t(lang, 'alerts.digest.greeting'), '']
  const html: string[] = [`<p>${escapeHtml(t(lang, 'alerts.digest.greeting'))}</p>`]
  for (const [heading, items, resolved] of sections) {
    if (items.length === 0) continue
    text.push(heading, '='.repeat(heading.length), '')
    html.push(`<h2>${escapeHtml(heading)}</h2>`, '<ul>')
    for (const item of items) {
      const { lines, link } = itemLines(item, lang, publicUrl, resolved)
      text.push(...lines)
      if (link) text.push(`${t(lang, 'alerts.problem.link')}: ${link}`)
      const stop = links && item.datasetIri ? links.stopDataset(item.datasetIri) : null
      if (stop) text.push(`${t(lang, 'alerts.links.stop-dataset')}: ${stop}`)
      text.push('')
      const rest = lines.slice(1).map((l) => `<br>${escapeHtml(l)}`).join('')
      const a =
        (link ? `<br><a href="${escapeHtml(link)}">${escapeHtml(t(lang, 'alerts.problem.link'))}</a>` : '') +
        (stop ? ` · <a href="${escapeHtml(stop)}">${escapeHtml(t(lang, 'alerts.links.stop-dataset'))}</a>` : '')
      html.push(`<li><strong>${escapeHtml(lines[0]!)}</strong>${rest}${a}</li>`)
    }
    html.push('</ul>')
  }
  const foot = footer(lang, links)
  text.push(...foot.text)
  html.push(...foot.html)
  return {
    subject: oneLine(t(lang, 'alerts.digest.subject', { summary })),
    text: text.join('\n'),
    html: `<!doctype html><html lang="${lang}"><body>${html.join('\n')}</body></html>`,
  }
}
