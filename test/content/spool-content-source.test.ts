import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { mkdirSync, mkdtempSync, existsSync, rmSync, utimesSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { HEAD_BYTES, removeStaleSpools, spoolContentSource, type SpoolInput } from '../../src/content/spool-content-source.js'

const meta = { url: 'http://127.0.0.1/x.csv', status: 200, contentType: 'text/csv', contentLength: null, etag: null, lastModified: null }

/** A generated body of `total` bytes in `chunk`-sized pieces; reuses one buffer so the producer itself holds nothing. */
function generated(total: number, chunk = 64 * 1024): { input: SpoolInput; sha256: () => string; produced: () => number } {
  const hash = createHash('sha256')
  let produced = 0
  const buf = Buffer.alloc(chunk)
  for (let i = 0; i < chunk; i++) buf[i] = (i * 31 + 7) & 0xff
  async function* body(): AsyncGenerator<Uint8Array> {
    let n = 0
    while (produced < total) {
      const len = Math.min(chunk, total - produced)
      buf.writeUInt32BE(n++, 0)
      const piece = buf.subarray(0, len)
      hash.update(piece)
      produced += len
      yield piece
    }
  }
  return { input: { ...meta, body: body() }, sha256: () => hash.digest('hex'), produced: () => produced }
}

async function drain(src: AsyncIterable<Uint8Array>): Promise<{ bytes: number; sha256: string }> {
  const h = createHash('sha256')
  let bytes = 0
  for await (const c of src) {
    h.update(c)
    bytes += c.byteLength
  }
  return { bytes, sha256: h.digest('hex') }
}

describe('spoolContentSource', () => {
  it('gives the same bytes to every stream() and the hash of what was kept', async () => {
    const g = generated(1_000_003, 10_000)
    const src = await spoolContentSource(g.input, { maxBytes: 10_000_000 })
    try {
      const a = await drain(src.stream())
      const b = await drain(src.stream())
      expect(a).toEqual(b)
      expect(a.bytes).toBe(1_000_003)
      expect(a.sha256).toBe(g.sha256())
      expect(src.sha256).toBe(a.sha256)
      expect(src.truncatedAtCap()).toBe(false)
      expect(src.bytesRead()).toBe(1_000_003)
      expect(src.head.byteLength).toBe(HEAD_BYTES)
      const first = (await drain((async function* () { yield src.head })())).sha256
      const headOfStream = createHash('sha256')
      let left = HEAD_BYTES
      for await (const c of src.stream()) {
        const part = c.subarray(0, Math.min(left, c.byteLength))
        headOfStream.update(part)
        left -= part.byteLength
        if (left === 0) break
      }
      expect(headOfStream.digest('hex')).toBe(first)
    } finally {
      await src.dispose()
    }
    await expect(drain(src.stream())).rejects.toMatchObject({ name: 'SpoolError', code: 'checks.spool.disposed' })
  })

  it('cuts a body over the cap there and says so; a body exactly at the cap is not cut', async () => {
    const over = generated(500_000, 7_000)
    const cut = await spoolContentSource(over.input, { maxBytes: 123_456 })
    try {
      expect(cut.truncatedAtCap()).toBe(true)
      expect(cut.bytes).toBe(123_456)
      expect((await drain(cut.stream())).bytes).toBe(123_456)
      // Leaving early stops the producer: it was not read to the end.
      expect(over.produced()).toBeLessThan(500_000)
    } finally {
      await cut.dispose()
    }
    const exact = await spoolContentSource(generated(123_456, 7_000).input, { maxBytes: 123_456 })
    try {
      expect(exact.truncatedAtCap()).toBe(false)
      expect(exact.bytes).toBe(123_456)
    } finally {
      await exact.dispose()
    }
  })

  it('keeps memory flat on a large body (256 MiB through a 200 MiB cap)', async () => {
    const total = 256 * 1024 * 1024
    const cap = 200 * 1024 * 1024
    const mem = () => {
      const m = process.memoryUsage()
      return m.heapUsed + m.arrayBuffers
    }
    const base = mem()
    let peak = 0
    let chunks = 0
    const g = generated(total)
    const sampled: SpoolInput = {
      ...g.input,
      body: (async function* () {
        for await (const c of g.input.body) {
          if (++chunks % 128 === 0) peak = Math.max(peak, mem() - base)
          yield c
        }
      })(),
    }
    const src = await spoolContentSource(sampled, { maxBytes: cap })
    try {
      expect(src.truncatedAtCap()).toBe(true)
      expect(src.bytes).toBe(cap)
      let n = 0
      let bytes = 0
      for await (const c of src.stream()) {
        bytes += c.byteLength
        if (++n % 128 === 0) peak = Math.max(peak, mem() - base)
      }
      expect(bytes).toBe(cap)
      // Holding the body would need > 200 MiB; a spool holds a chunk and the head. The
      // bound leaves room for garbage not yet collected (Node 24's GC lets ~67 MiB pile up).
      expect(peak).toBeLessThan(100 * 1024 * 1024)
    } finally {
      await src.dispose()
    }
  }, 60_000)

  it('removes spool folders a crashed process left behind, and only old ones', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'datavakt-spooltest-'))
    try {
      const old = join(dir, 'datavakt-spool-old')
      const fresh = join(dir, 'datavakt-spool-fresh')
      const other = join(dir, 'something-else')
      for (const d of [old, fresh, other]) mkdirSync(d)
      const twoDaysAgo = new Date(Date.now() - 2 * 86_400_000)
      utimesSync(old, twoDaysAgo, twoDaysAgo)
      utimesSync(other, twoDaysAgo, twoDaysAgo)
      expect(await removeStaleSpools({ tmpDir: dir })).toBe(1)
      expect([existsSync(old), existsSync(fresh), existsSync(other)]).toEqual([false, true, true])
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
