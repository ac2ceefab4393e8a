import type { Readable } from 'node:stream'

/** What `readPrefix` got: the kept bytes, how many arrived, whether the cap stopped it, and the error that did. */
export interface Prefix {
  prefix: Uint8Array
  bytes: number
  capped: boolean
  error: unknown
}

/**
 * Reads at most `cap` bytes, then closes the body (so a huge or endless body costs nothing
 * more). Only the first `keep` bytes are kept (what the caller looks at); the rest is
 * counted and let go at once, so a probe holds a few KiB instead of 64. A body whose
 * declared length (`declared`, Content-Length) is exactly the cap is read to its end, not
 * cut at its last byte: a complete response leaves the connection open for the host's
 * next probe. Listens to the stream's events instead of iterating it: the async iterator
 * costs several objects per chunk, and a sweep reads hundreds of thousands of chunks.
 * Never rejects: a broken body comes back as `error`.
 */
export function readPrefix(body: Readable, cap: number, keep: number, declared: number | null): Promise<Prefix> {
  return new Promise((resolve) => {
    const kept: Buffer[] = []
    let keptBytes = 0
    let bytes = 0
    let capped = false
    let done = false
    const finish = (error: unknown) => {
      if (done) return
      done = true
      body.off('data', onData)
      body.off('end', onEnd)
      body.off('error', onError)
      body.off('close', onClose)
      body.destroy()
      // One piece (a small body comes in one chunk) is handed on as it is: the caller judges
      // it at once and lets it go. Several are joined, once.
      const prefix = kept.length === 1 ? kept[0]! : Buffer.concat(kept, keptBytes)
      resolve({ prefix, bytes, capped, error })
    }
    const onData = (chunk: Buffer) => {
      let c = chunk
      const total = bytes + c.length
      if (total > cap || (total === cap && declared !== cap)) {
        c = c.subarray(0, cap - bytes)
        capped = true
      }
      bytes += c.length
      if (keptBytes < keep && c.length > 0) {
        const part = c.length <= keep - keptBytes ? c : c.subarray(0, keep - keptBytes)
        kept.push(part)
        keptBytes += part.length
      }
      if (capped) finish(null)
    }
    const onEnd = () => finish(null)
    const onError = (error: unknown) => finish(error)
    // Closed without an end or an error: the body was cut off.
    const onClose = () => finish(Object.assign(new Error('Premature close'), { code: 'ERR_STREAM_PREMATURE_CLOSE' }))
    body.on('data', onData)
    body.on('end', onEnd)
    body.on('error', onError)
    body.on('close', onClose)
    // Already over before we listened: its events are gone, so judge it by its state.
    if (body.errored) finish(body.errored)
    else if (body.destroyed) onClose()
  })
}
