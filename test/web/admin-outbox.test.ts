import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ServerType } from '@hono/node-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { deliverOutbox, fileTransport } from '../../src/alerts/deliver-outbox.js'
import { defaultConfig, type Config } from '../../src/config/config.js'
import { json } from '../../src/db/json.js'
import { createApp } from '../../src/web/create-app.js'
import { englishWords, swedishWords } from '../helpers/language.js'
import { createTestDb, type TestDb } from '../helpers/test-db.js'
import { ownWords } from './page-text.js'
import { serveOnLoopback } from './seeded-app.js'

/**
 * The admin page of the outbox, served on loopback: sent (as .eml files, readable in the
 * browser), waiting and failed messages with their attempts, in Swedish and English; and
 * nothing at all for a client that is not on this machine.
 */

let t: TestDb
let dir: string
let config: Config
let server: ServerType
let base: string
let remote: ServerType
let remoteBase: string
const HARVESTED = ['kontakt@kommun.test', 'gis@region.test', 'Badplatser: 1 nytt problem', 'Adresser: 1 nytt problem', 'connect ECONNREFUSED 127.0.0.1:9', 'Hej Badplatser']

async function addMessage(recipient: string, subject: string, body: string) {
  await t.db
    .insertInto('outbox')
    .values({ message_id: `<${recipient}-${subject.length}@datavakt>`, recipient, subject, body_text: body, body_html: `<p>${body}</p>`, headers: json({}), next_attempt_at: new Date('2026-12-01T06:00:00Z') })
    .execute()
}

beforeAll(async () => {
  t = await createTestDb()
  dir = await mkdtemp(join(tmpdir(), 'datavakt-admin-'))
  config = { ...defaultConfig, dataDir: dir }
  await addMessage('kontakt@kommun.test', 'Badplatser: 1 nytt problem', 'Hej Badplatser')
  await deliverOutbox(t.db, fileTransport(join(dir, config.alerts.outboxDir)), config.alerts.from, new Date('2026-12-01T06:00:00Z'))
  await addMessage('gis@region.test', 'Adresser: 1 nytt problem', 'Hej Adresser')
  await t.db.updateTable('outbox').set({ attempts: 2, last_error: 'connect ECONNREFUSED 127.0.0.1:9' }).where('recipient', '=', 'gis@region.test').execute()
  await addMessage('ny@kommun.test', 'Väntar', 'Väntar')
  ;({ server, base } = await serveOnLoopback(createApp({ db: t.db, lang: 'sv', admin: { config } })))
  ;({ server: remote, base: remoteBase } = await serveOnLoopback(createApp({ db: t.db, lang: 'sv', admin: { config: { ...config, web: { ...config.web, adminToken: 'the-admin-token' } }, clientAddress: () => '192.0.2.7' } })))
})
afterAll(async () => {
  await new Promise((r) => server?.close(r))
  await new Promise((r) => remote?.close(r))
  await t?.drop()
  await rm(dir, { recursive: true, force: true })
})

describe('the admin page of the outbox', () => {
  it('lists sent, waiting and failed messages with attempts and the last error', async () => {
    const res = await fetch(`${base}/admin/outbox`)
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toContain('1 skickade, 1 väntar, 1 misslyckade')
    expect(html).toMatch(/<tr class="outbox-sent">[\s\S]*?kontakt@kommun\.test[\s\S]*?skickat \d{4}-\d{2}-\d{2} \d{2}:\d{2} \(file\)/)
    expect(html).toMatch(/<tr class="outbox-failed">[\s\S]*?misslyckades, nästa försök[\s\S]*?ECONNREFUSED[\s\S]*?<td>2<\/td>/)
    expect(html).toContain('class="outbox-waiting"')
  })

  it('shows a message written as an .eml file, readable in the browser, and the file itself', async () => {
    const list = await (await fetch(`${base}/admin/outbox`)).text()
    const href = /href="(\/admin\/outbox\/message\?id=\d+&amp;lang=sv)"[^>]*>Badplatser/.exec(list)![1]!.replace('&amp;', '&')
    const page = await (await fetch(`${base}${href}`)).text()
    expect(page).toContain('<pre id="message-text">Hej Badplatser</pre>')
    expect(page).toMatch(/<pre id="message-eml">[\s\S]*Subject: Badplatser: 1 nytt problem/)
    const id = /id=(\d+)/.exec(href)![1]
    const eml = await fetch(`${base}/admin/outbox/eml?id=${id}`)
    expect(eml.headers.get('content-type')).toContain('message/rfc822')
    expect(await eml.text()).toMatch(/^To: kontakt@kommun\.test/m)
  })

  it('speaks the reader’s language', async () => {
    const en = ownWords(await (await fetch(`${base}/admin/outbox?lang=en`)).text(), [...HARVESTED, 'Väntar', dir])
    expect(swedishWords(en)).toEqual([])
    expect(en).toContain('1 sent, 1 waiting, 1 failed')
    const sv = ownWords(await (await fetch(`${base}/admin/outbox?lang=sv`)).text(), [...HARVESTED, 'Väntar', dir])
    expect(englishWords(sv).filter((w) => !['file'].includes(w))).toEqual([])
  })

  it('answers nobody outside this machine without the admin token', async () => {
    for (const path of ['/admin/outbox', '/admin/outbox/message?id=1', '/admin/outbox/eml?id=1']) {
      expect((await fetch(`${remoteBase}${path}`)).status).toBe(404)
      expect((await fetch(`${remoteBase}${path}`, { headers: { authorization: 'Bearer not-the-token' } })).status).toBe(404)
    }
  })

  it('answers a remote operator who carries the admin token', async () => {
    const res = await fetch(`${remoteBase}/admin/outbox`, { headers: { authorization: 'Bearer the-admin-token' } })
    expect(res.status).toBe(200)
    expect(await res.text()).toContain('1 skickade, 1 väntar, 1 misslyckade')
  })
})
