/**
 * The child of crash-send.test.ts: delivers the outbox of the PGlite folder argv[2] to the
 * SMTP server on port argv[3] with the real deliverOutbox, but stops for good right after
 * the server accepted the first message, before the outbox records it, and says so to
 * the parent, which then SIGKILLs it: the crash the guarantee is about.
 */
import { openDatabase } from '../../src/db/open-database.js'
import { deliverOutbox, smtpTransport, type MailTransport } from '../../src/alerts/deliver-outbox.js'

const [dir, port] = process.argv.slice(2) as [string, string]
const opened = await openDatabase({ dataDir: dir })
const smtp = smtpTransport(`smtp://127.0.0.1:${port}`)
const stopsAfterAcceptance: MailTransport = {
  via: 'smtp',
  async send(m, from) {
    await smtp.send(m, from)
    process.send!({ accepted: m.message_id })
    await new Promise(() => {})
  },
  close: () => smtp.close(),
}
await deliverOutbox(opened.db, stopsAfterAcceptance, 'datavakt <datavakt@127.0.0.1>', new Date())
