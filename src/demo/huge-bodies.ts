/**
 * The world's two huge answers, streamed lazily from one small repeated piece: a 5 GB CSV
 * (`huge-body`) and a gzip bomb (`gzip-bomb`, about 4 MB on the wire inflating to 4 GB).
 * The pieces are made once per process, on first use.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { Readable, pipeline } from 'node:stream'
import { gzipSync } from 'node:zlib'

const noop = () => {}
const CHUNK = 64 * 1024
const BOMB_MEMBER = 16 * 1024 * 1024

let hugeChunk: Buffer | null = null
let bombHeader: Buffer | null = null
let bombMember: Buffer | null = null

/** A CSV of `o.bytes` bytes, streamed on demand; it ignores Range. */
export function hugeBody(req: IncomingMessage, res: ServerResponse, o: { bytes: number; lastModified: string }): void {
  if (!hugeChunk) {
    const lines: string[] = []
    let size = 0
    for (let i = 0; size < CHUNK - 100; i++) {
      const line = `${i},Mätpunkt ${i % 97},${(57 + (i % 1000) / 1000).toFixed(6)},${(12 + (i % 500) / 1000).toFixed(6)}\r\n`
      lines.push(line)
      size += Buffer.byteLength(line)
    }
    hugeChunk = Buffer.from(lines.join(''))
  }
  const chunk = hugeChunk
  const header = Buffer.from('id,namn,latitud,longitud\r\n')
  const total = o.bytes
  res.writeHead(200, { 'content-type': 'text/csv; charset=utf-8', 'content-length': total, 'last-modified': o.lastModified })
  if (req.method === 'HEAD') return void res.end()
  let sent = 0
  const source = new Readable({
    read() {
      while (sent < total) {
        const piece = sent === 0 ? header : chunk
        const n = Math.min(piece.length, total - sent)
        sent += n
        if (!this.push(n === piece.length ? piece : piece.subarray(0, n))) return
      }
      this.push(null)
    },
  })
  pipeline(source, res, noop)
}

/** Gzip members of identical rows, concatenated to inflate to about `o.bytes`. */
export function gzipBomb(req: IncomingMessage, res: ServerResponse, o: { bytes: number; lastModified: string }): void {
  if (!bombMember) {
    // One gzip member of 16 MiB of identical, space-padded CSV rows compresses to ~16 KB; gzip
    // allows members to be concatenated, so N copies inflate to N × 16 MiB.
    // Fixed-width rows padded with spaces (as legacy exports do) compress ~1000:1.
    const row = '1,Badplats Sjöviken,57.700000,11.900000'.padEnd(4094, ' ') + '\r\n'
    const rowBytes = Buffer.byteLength(row)
    const raw = Buffer.alloc(Math.floor(BOMB_MEMBER / rowBytes) * rowBytes, row)
    bombMember = gzipSync(raw, { level: 9 })
    bombHeader = gzipSync(Buffer.from('id,namn,latitud,longitud\r\n'))
  }
  const member = bombMember
  const header = bombHeader as Buffer
  const members = Math.max(1, Math.round(o.bytes / BOMB_MEMBER))
  // (each member inflates to just under 16 MiB of whole rows)
  res.writeHead(200, {
    'content-type': 'text/csv; charset=utf-8',
    'content-encoding': 'gzip',
    'content-length': header.length + members * member.length,
    'last-modified': o.lastModified,
  })
  if (req.method === 'HEAD') return void res.end()
  let i = -1
  const source = new Readable({
    read() {
      while (i < members) {
        const piece = i < 0 ? header : member
        i++
        if (!this.push(piece)) return
      }
      this.push(null)
    },
  })
  pipeline(source, res, noop)
}
