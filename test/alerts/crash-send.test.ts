import { fork } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase } from '../../src/db/open-database.js'
import { migrateToLatest } from '../../src/db/migrate.js'
import { json } from '../../src/db/json.js'
import { deliverOutbox, smtpTransport } from '../../src/alerts/deliver-outbox.js'
import { Inbox } from '../helpers/smtp-inbox.js'

/**
 * The delivery guarantee, shown with a real crash: a process delivering the outbox of an
 * embedded database is SIGKILLed after the SMTP server accepted a message and before the
 * outbox recorded it. After a restart every message arrives; the one in flight arrives a
 * second time with the same Message-ID, and nothing is lost.
 */

const ids = ['<crash-1@datavakt>', '<crash-2@datavakt>', '<crash-3@datavakt>']
let dir: string
const inbox = new Inbox()

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'datavakt-crash-'))
  const opened = await openDatabase({ dataDir: dir })
  await migrateToLatest(opened.db)
  await opened.db
    .insertInto('outbox')
    .values(ids.map((message_id, i) => ({ message_id, recipient: `r${i}@kommun.test`, subject: `digest ${i}`, body_text: 'text', body_html: '<p>html</p>', headers: json({}), created_at: new Date(Date.now() - 60_000), next_attempt_at: new Date(Date.now() - 60_000) })))
    .execute()
  await opened.close()
  await inbox.start()
}, 120_000)
afterAll(async () => {
  await inbox.stop()
  rmSync(dir, { recursive: true, force: true })
})

describe('a crash mid-send', () => {
  it('SIGKILLed between the server accepting and the outbox recording: after restart every message arrives, a repeat only with the same Message-ID', async () => {
    const child = fork(join(import.meta.dirname, 'crash-send-child.ts'), [dir, String(inbox.port)], { execArgv: ['--import', 'tsx'], stdio: 'inherit' })
    const exited = new Promise<NodeJS.Signals | null>((res) => child.once('exit', (_code, signal) => res(signal)))
    const accepted = await new Promise<string>((res, rej) => {
      child.once('message', (m) => res((m as { accepted: string }).accepted))
      child.once('exit', () => rej(new Error('the child ended before any message was accepted')))
    })
    child.kill('SIGKILL')
    expect(await exited).toBe('SIGKILL')
    expect(accepted).toBe(ids[0])
    expect(inbox.received.map((m) => m.messageId)).toEqual([ids[0]])

    // Restart: the same folder (the dead holder's lock is stale), the real sender.
    const opened = await openDatabase({ dataDir: dir })
    const tx = smtpTransport(`smtp://127.0.0.1:${inbox.port}`)
    try {
      expect(await deliverOutbox(opened.db, tx, 'datavakt <datavakt@127.0.0.1>', new Date())).toMatchObject({ sent: 3, failed: 0, waiting: 0 })
      expect(await deliverOutbox(opened.db, tx, 'datavakt <datavakt@127.0.0.1>', new Date())).toMatchObject({ sent: 0, waiting: 0 })
    } finally {
      tx.close()
      await opened.close()
    }
    const got = inbox.received.map((m) => m.messageId!)
    expect([...new Set(got)].sort()).toEqual([...ids].sort())
    // At most one repeat, of the message in flight, with its Message-ID unchanged.
    expect(got.filter((id) => id === ids[0])).toHaveLength(2)
    expect(got).toHaveLength(4)
  }, 120_000)
})
