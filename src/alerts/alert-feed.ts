import { sql } from 'kysely'
import type { Config } from '../config/config.js'
import type { Db } from '../db/database.js'
import type { StoredFinding } from '../db/tables/content.js'
import { pickLang, type LangText } from '../domain/lang-text.js'
import { describeFinding, t } from '../i18n/catalogue.js'
import type { Lang } from '../i18n/lang.js'
import { publicBase } from './links.js'
import { oneLine, problemTitle } from './render-digest.js'
import { targetName, type FollowTarget } from './subscriptions.js'

/**
 * The Atom feed (RFC 4287) of a dataset's or an organisation's alerts: one entry per
 * opening and resolving, newest first, in the reader's language. For feed readers and
 * for bridges into chat tools. Null when the dataset or organisation is unknown.
 */

const ENTRIES = 50

interface EventRow {
  id: number
  event: 'opened' | 'resolved'
  at: Date | string
  intermittent: boolean
  problem: string
  subject: string
  subject_kind: 'distribution' | 'dataset' | 'catalogue'
  evidence: StoredFinding[] | string
  dataset_iri: string | null
  dataset_title: LangText | string | null
}

const xml = (s: string) =>
  s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!)
const parsed = <T>(v: T | string): T => (typeof v === 'string' ? (JSON.parse(v) as T) : v)

async function eventsOf(db: Db, target: FollowTarget): Promise<EventRow[]> {
  const where =
    target.kind === 'dataset'
      ? sql`(a.subject = ${target.iri} or d.dataset_iri = ${target.iri})`
      : sql`(a.organisation = ${target.iri})`
  const { rows } = await sql<EventRow>`
    select e.id, e.event, e.at, e.intermittent, a.problem, a.subject, a.subject_kind, a.evidence,
      ds.iri as dataset_iri, ds.title as dataset_title
    from alert_events e join alerts a on a.id = e.alert_id
    left join distributions d on a.subject_kind = 'distribution' and d.iri = a.subject
    left join datasets ds on ds.iri = coalesce(d.dataset_iri, case when a.subject_kind = 'dataset' then a.subject end)
    where ${where}
    order by e.id desc limit ${ENTRIES}`.execute(db)
  return rows
}

function entry(r: EventRow, lang: Lang, base: string, feedName: string): string {
  const name = oneLine(r.dataset_title ? pickLang(parsed(r.dataset_title), lang) || r.subject : feedName)
  const problem = problemTitle({ problem: r.problem }, lang)
  const title = t(lang, r.event === 'opened' ? 'alerts.feed.entry-opened' : 'alerts.feed.entry-resolved', { problem, name })
  const lines = r.event === 'opened' ? parsed(r.evidence).slice(0, 3).map((f) => describeFinding(f, lang).message) : []
  if (r.event === 'opened' && r.intermittent) lines.unshift(t(lang, 'alerts.problem.intermittent'))
  if (r.subject_kind === 'distribution') lines.unshift(r.subject)
  const link = r.dataset_iri ? `${base}/dataset?iri=${encodeURIComponent(r.dataset_iri)}&lang=${lang}` : null
  return [
    '<entry>',
    `<id>urn:datavakt:alert-event:${Number(r.id)}</id>`,
    `<title>${xml(oneLine(title))}</title>`,
    `<updated>${new Date(r.at).toISOString()}</updated>`,
    link ? `<link rel="alternate" type="text/html" href="${xml(link)}"/>` : '',
    `<content type="text">${xml(lines.map(oneLine).join('\n'))}</content>`,
    '</entry>',
  ].join('')
}

/** The feed's XML, or null for an unknown dataset or organisation. */
export async function alertFeed(db: Db, config: Pick<Config, 'web'>, target: FollowTarget, lang: Lang, now: Date = new Date()): Promise<string | null> {
  const name = await targetName(db, target, lang)
  if (name === null) return null
  const rows = await eventsOf(db, target)
  const base = publicBase(config)
  const self = `${base}/feed/${target.kind}.atom?iri=${encodeURIComponent(target.iri)}&lang=${lang}`
  const page = `${base}/${target.kind}?iri=${encodeURIComponent(target.iri)}&lang=${lang}`
  const updated = rows[0] ? new Date(rows[0].at) : now
  return [
    '<?xml version="1.0" encoding="utf-8"?>\n',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${lang}">`,
    `<id>${xml(self)}</id>`,
    `<title>${xml(oneLine(t(lang, 'alerts.feed.title', { name })))}</title>`,
    `<updated>${updated.toISOString()}</updated>`,
    `<author><name>${xml(t(lang, 'app.name'))}</name></author>`,
    `<link rel="self" type="application/atom+xml" href="${xml(self)}"/>`,
    `<link rel="alternate" type="text/html" href="${xml(page)}"/>`,
    ...rows.map((r) => entry(r, lang, base, name)),
    '</feed>\n',
  ].join('')
}
