import { describe, expect, it } from 'vitest'
import type { Hono } from 'hono'
import type { ParsedMail } from 'mailparser'
import { SaxesParser } from '@rubensworks/saxes'
import { createApp } from '../../src/web/create-app.js'
import { signLink } from '../../src/alerts/links.js'
import { deliverOutbox } from '../../src/alerts/deliver-outbox.js'
import { defaultConfig, type Config } from '../../src/config/config.js'
import { withSmtp } from '../helpers/smtp-inbox.js'
import { at, breakFile, DATASET, dbAndInbox, digestAndSend, FROM, ORG, pathOf, SECRET, seedWorld, url } from './alert-world.js'

/**
 * Unsubscribe, snooze and following, end to end: the web app's routes over a real
 * database, digests delivered to a real SMTP server on loopback, and the links read back
 * out of the e-mails that arrived.
 */

const CONTACT = 'kontakt@kommun.test'
const FOLLOWER = 'folj@reuse.test'
const files = ['a', 'b', 'c', 'd', 'e', 'f'].map((x) => `urn:test:dist:${x}`)
const [A, B, C, D, E, F] = files as [string, string, string, string, string, string]
const config: Config = {
  ...defaultConfig,
  web: { ...defaultConfig.web, publicUrl: 'http://127.0.0.1:8080' },
  alerts: { ...defaultConfig.alerts, contacts: [{ email: CONTACT, organisation: ORG }], followPerClientPerHour: 4, followPerAddressPerDay: 3 },
}

let app: Hono
let clockH = 0
let client = '192.0.2.1'
const world = dbAndInbox(async (db) => {
  await seedWorld(db, files)
  app = createApp({ db, lang: 'sv', alerts: { config, secret: SECRET, now: () => at(clockH), clientAddress: () => client } })
}, 120_000)
const { inbox } = world

const mailsTo = (email: string) => inbox.received.filter((m) => m.to && 'text' in m.to && m.to.text === email)
const send = (h: number) => digestAndSend(world.db, config, inbox.port, h)
const header = (m: ParsedMail, name: string) =>
  m.headerLines.find((l) => l.key === name)?.line.replace(/\r?\n[ \t]+/g, ' ').replace(/^[^:]+:\s*/, '') ?? null
const linkIn = (text: string, label: string) => {
  const line = text.split('\n').find((l) => l.startsWith(label))
  return line?.match(/https?:\/\/\S+/)?.[0] ?? null
}
const form = (fields: Record<string, string>) => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields).toString(),
})
const follow = (email: string, extra: Record<string, string> = {}) =>
  app.request('/alerts/follow', form({ email, kind: 'dataset', iri: DATASET, lang: 'en', ...extra }))
const sendNow = (h: number) => withSmtp(inbox.port, (tx) => deliverOutbox(world.db, tx, FROM, at(h)))
const subscription = (email: string) => world.db.selectFrom('alert_subscriptions').selectAll().where('email', '=', email).executeTakeFirst()


describe('unsubscribe, snooze and follow through signed links', () => {
  it('every digest carries List-Unsubscribe and List-Unsubscribe-Post, and the one-click POST unsubscribes', async () => {
    await breakFile(world.db, config, A, 0)
    expect(await send(25)).toMatchObject({ queued: 1, sent: 1 })
    const m = mailsTo(CONTACT)[0]!
    expect(header(m, 'list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click')
    const unsubscribe = header(m, 'list-unsubscribe')!.match(/^<(https?:\/\/[^>]+)>$/)![1]!
    expect(unsubscribe).toMatch(/^http:\/\/127\.0\.0\.1:8080\/alerts\/link\?token=/)
    expect(m.text).toContain(`Avsluta alla aviseringar: ${unsubscribe}`)

    clockH = 26
    // RFC 8058: the mail client POSTs "List-Unsubscribe=One-Click" to the header's URL.
    const res = await app.request(pathOf(unsubscribe), form({ 'List-Unsubscribe': 'One-Click' }))
    expect(res.status).toBe(200)
    expect(await res.text()).toContain('Klart: inga fler aviseringar skickas om detta.')
    await breakFile(world.db, config, B, 30)
    expect(await send(55)).toMatchObject({ queued: 0, sent: 0 })
    expect(mailsTo(CONTACT)).toHaveLength(1)
  })

  it('following needs the confirmation link; the form answers the same whatever the address', async () => {
    clockH = 56
    const first = await follow('Folj@Reuse.test')
    expect(first.status).toBe(200)
    const answer = await first.text()
    expect(answer).toContain('Check your e-mail')
    const again = await follow(FOLLOWER)
    expect(again.status).toBe(200)
    expect(await again.text()).toBe(answer)
    expect(await subscription(FOLLOWER)).toMatchObject({ status: 'pending' })

    expect(await sendNow(56)).toMatchObject({ sent: 2 })
    const confirmations = mailsTo(FOLLOWER)
    expect(confirmations.map((m) => m.subject)).toEqual(['datavakt: confirm what you follow', 'datavakt: confirm what you follow'])
    const confirm = confirmations[0]!.text!.match(/http:\/\/127\.0\.0\.1:8080\/alerts\/link\?token=\S+/)![0]

    // Not confirmed yet: a new problem reaches nobody (the contact unsubscribed).
    await breakFile(world.db, config, C, 60)
    expect(await send(85)).toMatchObject({ queued: 0 })

    // Opening the link only asks; the POST confirms.
    clockH = 86
    const ask = await app.request(pathOf(confirm))
    expect(ask.status).toBe(200)
    expect(await ask.text()).toContain(`Start sending alerts about the dataset Beaches to ${FOLLOWER}?`)
    expect(await subscription(FOLLOWER)).toMatchObject({ status: 'pending' })
    const token = new URL(confirm).searchParams.get('token')!
    const done = await app.request('/alerts/link?lang=en', form({ token }))
    expect(await done.text()).toContain('Done: you now follow this.')
    expect(await subscription(FOLLOWER)).toMatchObject({ status: 'active', lang: 'en' })

    // Already following: the same answer, and no mail.
    const known = await follow(FOLLOWER)
    expect(await known.text()).toBe(answer)
    expect(await sendNow(87)).toMatchObject({ sent: 0 })

    await breakFile(world.db, config, D, 90)
    expect(await send(115)).toMatchObject({ queued: 1, sent: 1 })
    const digest = mailsTo(FOLLOWER).at(-1)!
    expect(digest.subject).toContain('new problem')
    expect(digest.text).toContain('You receive this because you chose to follow the dataset or organisation')
    expect(digest.text).toContain(url('urn:test:dist:d'))
    expect(header(digest, 'list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click')
  })

  it('a follow confirmation carries a one-click stop for such requests: after it, the form mails that address no more, and answers the same', async () => {
    clockH = 120
    const victim = 'victim-of-a-prank@reuse.test'
    const answer = await (await follow(victim)).text()
    expect(await sendNow(120)).toMatchObject({ sent: 1 })
    const m = mailsTo(victim)[0]!
    expect(header(m, 'list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click')
    const stop = header(m, 'list-unsubscribe')!.match(/^<(https?:\/\/[^>]+)>$/)![1]!
    expect(m.text).toContain(`Send no more such requests to this address: ${stop}`)
    const ask = await app.request(`${pathOf(stop)}&lang=en`)
    expect(await ask.text()).toContain('requests to follow (confirmation e-mails)')
    expect((await app.request(pathOf(stop), form({ 'List-Unsubscribe': 'One-Click' }))).status).toBe(200)
    clockH = 121
    expect(await (await follow(victim)).text()).toBe(answer)
    expect(await sendNow(121)).toMatchObject({ sent: 0 })
    expect(mailsTo(victim)).toHaveLength(1)
    // The follower's subscription is untouched by someone else's stop of requests.
    expect(await subscription(FOLLOWER)).toMatchObject({ status: 'active' })
  })

  it('a snooze holds the digests back for its days; a dataset stop ends them for that dataset', async () => {
    const digest = mailsTo(FOLLOWER).at(-1)!
    const snooze = linkIn(digest.text!, 'Pause the alerts for 7 days')!
    clockH = 116
    const paused = await app.request(pathOf(snooze), form({ token: new URL(snooze).searchParams.get('token')! }))
    expect(await paused.text()).toContain('Done: the alerts are paused until')
    await breakFile(world.db, config, E, 120)
    expect(await send(145)).toMatchObject({ queued: 0 })
    // After the snooze, the news kept meanwhile arrives.
    const after = await send(116 + 7 * 24 + 1)
    expect(after).toMatchObject({ queued: 1, sent: 1 })
    expect(mailsTo(FOLLOWER).at(-1)!.text).toContain(url('urn:test:dist:e'))

    const stop = linkIn(mailsTo(FOLLOWER).at(-1)!.text!, 'Stop alerts about this dataset')!
    clockH = 300
    const stopped = await app.request(pathOf(stop), form({ token: new URL(stop).searchParams.get('token')! }))
    expect(stopped.status).toBe(200)
    expect(await subscription(FOLLOWER)).toBeUndefined()
    const before = mailsTo(FOLLOWER).length
    await breakFile(world.db, config, F, 300)
    expect(await send(325)).toMatchObject({ queued: 0 })
    expect(mailsTo(FOLLOWER)).toHaveLength(before)
  })

  it('forged, altered and expired links are refused with a clear page and change nothing', async () => {
    clockH = 400
    const good = signLink(SECRET, { recipient: 'x@y.test', scope: 'all', action: 'unsubscribe', exp: at(500).getTime() })
    const [payload, sig] = good.split('.') as [string, string]
    const altered = `${signLink(SECRET, { recipient: 'victim@y.test', scope: 'all', action: 'unsubscribe', exp: at(500).getTime() }).split('.')[0]}.${sig}`
    const forged = signLink('another-secret-another-secret-0000', { recipient: 'x@y.test', scope: 'all', action: 'unsubscribe', exp: at(500).getTime() })
    const expired = signLink(SECRET, { recipient: 'x@y.test', scope: 'all', action: 'unsubscribe', exp: at(399).getTime() })
    for (const [token, status, words] of [
      [altered, 400, 'The link is not valid'],
      [forged, 400, 'The link is not valid'],
      [`${payload}x.${sig}`, 400, 'The link is not valid'],
      ['nonsense', 400, 'The link is not valid'],
      [expired, 410, 'The link has expired'],
    ] as const) {
      const get = await app.request(`/alerts/link?lang=en&token=${encodeURIComponent(token)}`)
      expect(get.status).toBe(status)
      expect(await get.text()).toContain(words)
      const post = await app.request('/alerts/link?lang=en', form({ token }))
      expect(post.status).toBe(status)
    }
    expect(await world.db.selectFrom('alert_suppressions').selectAll().where('recipient', 'in', ['x@y.test', 'victim@y.test']).execute()).toEqual([])
    const ok = await app.request(`/alerts/link?lang=en&token=${good}`)
    expect(ok.status).toBe(200)
  })

  it('the follow form is rate-limited per client and per address, and refuses what it cannot follow', async () => {
    clockH = 600
    client = '192.0.2.50'
    for (let i = 0; i < 4; i++) expect((await follow(`many${i}@reuse.test`)).status).toBe(200)
    const limited = await follow('many9@reuse.test')
    expect(limited.status).toBe(429)
    expect(await limited.text()).toContain('Too many attempts')
    for (let i = 0; i < 5; i++) {
      client = `192.0.2.${100 + i}`
      expect((await follow('same@reuse.test')).status).toBe(200)
    }
    const mails = await world.db.selectFrom('outbox').select('id').where('recipient', '=', 'same@reuse.test').execute()
    expect(mails).toHaveLength(3)
    client = '192.0.2.200'
    expect((await follow('x@reuse.test', { iri: 'urn:nothing' })).status).toBe(400)
    expect((await follow('not an address')).status).toBe(400)
  })
})

/** Checks `xml` is well-formed Atom: the feed root, its required children, and each entry's. */
function parseAtom(xml: string): { title: string; entries: { id: string; title: string; updated: string }[] } {
  const ATOM = 'http://www.w3.org/2005/Atom'
  const parser = new SaxesParser({ xmlns: true })
  const path: string[] = []
  const feed: { title: string; entries: { id: string; title: string; updated: string }[] } = { title: '', entries: [] }
  const seen = new Set<string>()
  let text = ''
  parser.on('opentag', (n) => {
    expect(n.uri).toBe(ATOM)
    path.push(n.local)
    if (path.join('/') === 'feed/entry') feed.entries.push({ id: '', title: '', updated: '' })
    text = ''
  })
  parser.on('text', (s) => (text += s))
  parser.on('closetag', () => {
    const p = path.join('/')
    seen.add(p)
    const e = feed.entries.at(-1)
    if (p === 'feed/title') feed.title = text
    if (e && p === 'feed/entry/id') e.id = text
    if (e && p === 'feed/entry/title') e.title = text
    if (e && p === 'feed/entry/updated') e.updated = text
    path.pop()
  })
  parser.write(xml).close()
  for (const p of ['feed', 'feed/id', 'feed/title', 'feed/updated', 'feed/author/name']) expect(seen.has(p), p).toBe(true)
  for (const e of feed.entries) {
    expect(e.id).toMatch(/^urn:datavakt:alert-event:\d+$/)
    expect(Number.isNaN(Date.parse(e.updated))).toBe(false)
    expect(e.title.length).toBeGreaterThan(0)
  }
  return feed
}

describe('the Atom feeds of alerts', () => {
  it('a dataset and an organisation have a valid Atom feed of their alerts, linked from their pages', async () => {
    const res = await app.request(`/feed/dataset.atom?iri=${encodeURIComponent(DATASET)}&lang=en`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toContain('application/atom+xml')
    const feed = parseAtom(await res.text())
    expect(feed.title).toBe('Alerts: Beaches')
    // A to F each opened; none resolved.
    expect(feed.entries).toHaveLength(6)
    expect(feed.entries.every((e) => e.title.startsWith('New problem: The file cannot be downloaded (Beaches)'))).toBe(true)
    const org = parseAtom(await (await app.request(`/feed/organisation.atom?iri=${encodeURIComponent(ORG)}`)).text())
    expect(org.title).toBe('Aviseringar: Testkommun')
    expect(org.entries).toHaveLength(6)
    expect((await app.request('/feed/dataset.atom?iri=urn:nothing')).status).toBe(404)
    // Without web.publicUrl a feed links to where it was asked for, not to web.port.
    const unconfigured = createApp({ db: world.db, lang: 'en', alerts: { config: { ...config, web: { ...config.web, publicUrl: undefined } }, secret: SECRET } })
    const asked = await (await unconfigured.request(`http://127.0.0.1:9431/feed/dataset.atom?iri=${encodeURIComponent(DATASET)}`)).text()
    expect(asked).toContain('<id>http://127.0.0.1:9431/feed/dataset.atom?iri=')
    expect(asked).toContain('href="http://127.0.0.1:9431/dataset?iri=')
    expect(asked).not.toContain(':8080/')

    for (const [path, kind, iri] of [['/dataset', 'dataset', DATASET], ['/organisation', 'organisation', ORG]] as const) {
      const page = await (await app.request(`${path}?iri=${encodeURIComponent(iri)}&lang=en`)).text()
      const head = page.slice(0, page.indexOf('</head>'))
      expect(head).toContain(`<link rel="alternate" type="application/atom+xml" href="/feed/${kind}.atom?iri=${encodeURIComponent(iri)}&amp;lang=en"`)
      expect(page).toContain('<form method="post" action="/alerts/follow">')
      expect(page).toContain('Atom feed of the alerts')
    }
  })
})
