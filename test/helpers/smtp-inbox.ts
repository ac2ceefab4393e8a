import { SMTPServer } from 'smtp-server'
import { simpleParser, type ParsedMail } from 'mailparser'
import type { AddressInfo } from 'node:net'
import { smtpTransport, type MailTransport } from '../../src/alerts/deliver-outbox.js'

/** A real SMTP server on loopback that parses every message it accepts. */
export class Inbox {
  received: ParsedMail[] = []
  raw: string[] = []
  private server: SMTPServer | null = null
  port = 0
  async start(port = 0): Promise<void> {
    this.server = new SMTPServer({
      authOptional: true,
      closeTimeout: 200,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData: (stream, _session, done) => {
        const chunks: Buffer[] = []
        stream.on('data', (c: Buffer) => chunks.push(c))
        stream.on('end', () => {
          const raw = Buffer.concat(chunks)
          this.raw.push(raw.toString('utf8'))
          simpleParser(raw).then((m) => {
            this.received.push(m)
            done()
          }, done)
        })
      },
    })
    await new Promise<void>((res) => this.server!.listen(port, '127.0.0.1', () => res()))
    this.port = (this.server.server.address() as AddressInfo).port
  }
  async stop(): Promise<void> {
    await new Promise<void>((res) => this.server?.close(() => res()))
    this.server = null
  }
}

/** Runs `use` with an SMTP transport to the server on loopback `port` (an Inbox's), closed after. */
export async function withSmtp<T>(port: number, use: (tx: MailTransport) => Promise<T>): Promise<T> {
  const tx = smtpTransport(`smtp://127.0.0.1:${port}`)
  try {
    return await use(tx)
  } finally {
    tx.close()
  }
}
