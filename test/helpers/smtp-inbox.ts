import { SMTPServer } from 'smtp-server'
import { simpleParser, type ParsedMail } from 'mailparser'
import type { AddressInfo } from 'node:net'

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
