import { sql } from 'kysely'
import type { Config } from '../config/config.js'
import type { Db } from '../db/database.js'
import { pickLang } from '../domain/lang-text.js'
import { t } from '../i18n/catalogue.js'
import type { Lang } from '../i18n/lang.js'
import { readRegion } from '../read-model/region.js'
import { stockholmDay } from './alert-policy.js'
import { enqueueMessage } from './outbox-enqueue.js'
import { escapeHtml, listHeaders, oneLine, problemTitle, type RenderedDigest } from './render-digest.js'
import { linkUrl, signLink } from './links.js'
import { REGIONAL_SUMMARY_SCOPE, suppressedFor } from './subscriptions.js'

/**
 * The weekly summary to the regional team (`alerts.regionalTeam`, `schedule.regionalSummary`):
 * across organisations, the problems that opened and were fixed in the last 7 days, the
 * oldest still open, and the region's total score a week ago and now. Scores and
 * organisation names come from the read model; the problems are the alerts' own.
 */

const WEEK_MS = 7 * 86_400_000
const OLDEST = 5

/** One problem as the summary lists it. */
export interface SummaryLine {
  organisation: string | null
  dataset: string | null
  problem: string
  at: Date
}

export interface RegionalSummary {
  opened: SummaryLine[]
  resolved: SummaryLine[]
  oldestOpen: SummaryLine[]
  /** The region's total score on the first and last day of the week with a rollup. */
  trend: { from: number | null; to: number | null }
}

type Row = { problem: string; organisation: string | null; title: Record<string, string> | string | null; at: Date | string }

/** The week up to `now`, read for `lang`. */
export async function readRegionalSummary(db: Db, lang: Lang, now: Date): Promise<RegionalSummary> {
  const since = new Date(now.getTime() - WEEK_MS)
  const region = await readRegion(db, lang, now)
  const names = new Map(region.organisations.map((o) => [o.iri, o.name]))
  const cols = sql`a.problem, a.organisation, coalesce(ds.title, dd.title) as title`
  const joins = sql`left join distributions d on a.subject_kind = 'distribution' and d.iri = a.subject
    left join datasets ds on ds.iri = d.dataset_iri
    left join datasets dd on a.subject_kind = 'dataset' and dd.iri = a.subject`
  const events = (event: 'opened' | 'resolved') =>
    sql<Row>`select ${cols}, e.at from alert_events e join alerts a on a.id = e.alert_id ${joins}
      where e.event = ${event} and e.at > ${since} and e.at <= ${now} order by e.at`.execute(db)
  const oldest = sql<Row>`select ${cols}, a.opened_at as at from alerts a ${joins}
    where a.open order by a.opened_at limit ${OLDEST}`.execute(db)
  const line = (r: Row): SummaryLine => {
    const title = typeof r.title === 'string' ? (JSON.parse(r.title) as Record<string, string>) : r.title
    return { organisation: r.organisation ? (names.get(r.organisation) ?? r.organisation) : null, dataset: title ? pickLang(title, lang) || null : null, problem: r.problem, at: new Date(r.at) }
  }
  const weekAgo = stockholmDay(since)
  const trend = region.trend.filter((r) => r.day >= weekAgo)
  return {
    opened: (await events('opened')).rows.map(line),
    resolved: (await events('resolved')).rows.map(line),
    oldestOpen: (await oldest).rows.map(line),
    trend: { from: trend[0]?.total ?? null, to: trend[trend.length - 1]?.total ?? null },
  }
}

/** The summary's words: subject, plain text and HTML, in `lang`. */
export function renderRegionalSummary(s: RegionalSummary, lang: Lang): RenderedDigest {
  const text: string[] = [t(lang, 'alerts.regional.greeting'), '']
  const html: string[] = [`<p>${escapeHtml(t(lang, 'alerts.regional.greeting'))}</p>`]
  const trend =
    s.trend.to === null ? t(lang, 'alerts.regional.trend-none') : t(lang, 'alerts.regional.trend', { from: Math.round(s.trend.from ?? s.trend.to), to: Math.round(s.trend.to) })
  text.push(trend, '')
  html.push(`<p>${escapeHtml(trend)}</p>`)
  const sections: [string, SummaryLine[]][] = [
    [t(lang, 'alerts.regional.section-new', { n: s.opened.length }), s.opened],
    [t(lang, 'alerts.regional.section-resolved', { n: s.resolved.length }), s.resolved],
    [t(lang, 'alerts.regional.section-oldest'), s.oldestOpen],
  ]
  for (const [heading, lines] of sections) {
    text.push(heading, '='.repeat(heading.length))
    html.push(`<h2>${escapeHtml(heading)}</h2>`, '<ul>')
    for (const l of lines) {
      const who = oneLine([l.organisation ?? t(lang, 'alerts.regional.no-organisation'), l.dataset].filter(Boolean).join(' / '))
      const row = `${who}: ${problemTitle(l, lang)} (${t(lang, 'alerts.problem.since', { since: l.at.toISOString() })})`
      text.push(`- ${row}`)
      html.push(`<li>${escapeHtml(row)}</li>`)
    }
    text.push('')
    html.push('</ul>')
  }
  text.push('--', t(lang, 'alerts.regional.footer'))
  html.push(`<hr><p>${escapeHtml(t(lang, 'alerts.regional.footer'))}</p>`)
  return {
    subject: oneLine(t(lang, 'alerts.regional.subject', { n: s.opened.length, fixed: s.resolved.length })),
    text: text.join('\n'),
    html: `<!doctype html><html lang="${lang}"><body>${html.join('\n')}</body></html>`,
  }
}

/**
 * Queues this week's summary for each member of the regional team (once per day and
 * address); how many. Each carries its member's signed unsubscribe link, in the text and
 * as `List-Unsubscribe` (one click, RFC 8058); a member who used it (or unsubscribed from
 * everything) gets no more summaries.
 */
export async function queueRegionalSummary(db: Db, config: Pick<Config, 'alerts' | 'web'>, now: Date, secret: string): Promise<number> {
  let queued = 0
  const byLang = new Map<Lang, RenderedDigest>()
  for (const member of config.alerts.regionalTeam) {
    const lang = member.lang ?? 'sv'
    const email = member.email.trim().toLowerCase()
    if ((await suppressedFor(db, email, now)).regionalSummary) continue
    if (!byLang.has(lang)) byLang.set(lang, renderRegionalSummary(await readRegionalSummary(db, lang, now), lang))
    const r = byLang.get(lang)!
    const unsubscribe = linkUrl(config, signLink(secret, { recipient: email, scope: REGIONAL_SUMMARY_SCOPE, action: 'unsubscribe', exp: now.getTime() + config.alerts.linkDays * 86_400_000, lang }))
    const words = t(lang, 'alerts.regional.unsubscribe')
    const rendered = {
      subject: r.subject,
      text: `${r.text}\n${words}: ${unsubscribe}`,
      html: r.html.replace('</body>', `<p><a href="${escapeHtml(unsubscribe)}">${escapeHtml(words)}</a></p></body>`),
    }
    if (await enqueueMessage(db, { recipient: email, dedupeKey: `regional:${email}:${stockholmDay(now)}`, rendered, headers: listHeaders(unsubscribe), now })) queued++
  }
  return queued
}
