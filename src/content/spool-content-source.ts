import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { mkdtemp, open, readdir, rm, stat, type FileHandle } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ContentSource } from '../../checks/types.js'
import type { MessageParams } from '../domain/finding.js'
import type { MessageKey } from '../i18n/catalogue.js'
import { DatavaktError } from '../i18n/datavakt-error.js'

/** How many leading bytes `head` keeps in memory. */
export const HEAD_BYTES = 64 * 1024

/** What a body comes with: the response metadata and the bytes, consumed once. */
export interface SpoolInput {
  url: string
  status: number | null
  contentType: string | null
  contentLength: number | null
  etag: string | null
  lastModified: string | null
  body: AsyncIterable<Uint8Array>
  /** True when the producer itself already cut the body at the cap. */
  truncatedAtCap?: () => boolean
}

/** A ContentSource backed by a temp file, with what spooling learnt. Call `dispose()` when done. */
export interface SpooledContent extends ContentSource {
  /** SHA-256 (hex) of the bytes kept (up to the cap). */
  readonly sha256: string
  /** Bytes kept (never more than maxBytes). */
  readonly bytes: number
  /** True when the body was longer than maxBytes and was cut there. */
  readonly truncated: boolean
  /** Removes the temp file; `stream()` refuses to run afterwards. */
  dispose(): Promise<void>
}

/** Thrown when the spool file cannot be written or read (disk full, permissions): operational. */
export class SpoolError extends DatavaktError {
  override name = 'SpoolError'
  declare readonly code: Extract<MessageKey, `checks.spool.${string}`>

  constructor(code: SpoolError['code'], params: MessageParams = {}, options?: { cause?: unknown }) {
    super(code, params, options)
  }
}

/** The spool error for a failed file-system call: the system's error code (ENOSPC, EACCES, ...) says why. */
function spoolFailure(code: SpoolError['code'], err: unknown): SpoolError {
  const reason = (err as NodeJS.ErrnoException | undefined)?.code ?? String((err as Error | undefined)?.message ?? err)
  return new SpoolError(code, { reason }, { cause: err })
}

/** What writing the body to the spool file learnt. */
interface Written {
  sha256: string
  head: Uint8Array
  bytes: number
  /** True when the body went past maxBytes and was cut there. */
  over: boolean
}

/** Writes `body` to `fh`, up to `maxBytes`, hashing it and keeping its head. Leaving the loop early returns the producer's iterator, which closes the connection. */
async function writeBody(body: AsyncIterable<Uint8Array>, fh: FileHandle, maxBytes: number): Promise<Written> {
  const hash = createHash('sha256')
  const headParts: Buffer[] = []
  let headLen = 0
  let bytes = 0
  let over = false
  for await (const raw of body) {
    let chunk = raw
    if (bytes + chunk.byteLength > maxBytes) {
      chunk = chunk.subarray(0, maxBytes - bytes)
      over = true
    }
    if (chunk.byteLength > 0) {
      hash.update(chunk)
      if (headLen < HEAD_BYTES) {
        const part = Buffer.from(chunk.subarray(0, HEAD_BYTES - headLen))
        headParts.push(part)
        headLen += part.byteLength
      }
      try {
        await fh.write(chunk)
      } catch (err) {
        throw spoolFailure('checks.spool.cannot-write', err)
      }
      bytes += chunk.byteLength
    }
    if (over) break
  }
  return { sha256: hash.digest('hex'), head: new Uint8Array(Buffer.concat(headParts, headLen)), bytes, over }
}

/** Creates the spool folder and writes the body into it; removes the folder again when that fails. */
async function spoolToFile(input: SpoolInput, maxBytes: number, tmpDir: string): Promise<Written & { dir: string; path: string }> {
  let dir: string
  try {
    dir = await mkdtemp(join(tmpDir, 'datavakt-spool-'))
  } catch (err) {
    throw spoolFailure('checks.spool.cannot-create-folder', err)
  }
  const path = join(dir, 'body')
  const fh = await open(path, 'w').catch(async (err: unknown) => {
    await rm(dir, { recursive: true, force: true })
    throw spoolFailure('checks.spool.cannot-create-file', err)
  })
  try {
    const written = await writeBody(input.body, fh, maxBytes)
    await fh.close()
    return { ...written, dir, path }
  } catch (err) {
    await fh.close().catch(() => {})
    await rm(dir, { recursive: true, force: true })
    throw err
  }
}

/**
 * Reads a body once, writing it to a temp file while computing its SHA-256, so that every
 * content check of a run can `stream()` the same bytes again without a second download,
 * and memory stays flat whatever the size (only `head` and one chunk at a time are held).
 * Keeps at most `maxBytes`: the producer is asked to stop there (the caller should give it
 * a cap of maxBytes + 1 so "exactly at the cap" and "over the cap" can be told apart);
 * anything beyond is dropped and `truncatedAtCap()` says so.
 * Refuses (throws SpoolError) when the temp file cannot be written; a failing body stream
 * (network error) is rethrown as-is after the temp file is removed.
 */
export async function spoolContentSource(
  input: SpoolInput,
  opts: { maxBytes: number; tmpDir?: string },
): Promise<SpooledContent> {
  const { dir, path, sha256, head, bytes, over } = await spoolToFile(input, opts.maxBytes, opts.tmpDir ?? tmpdir())
  const truncated = over || (input.truncatedAtCap?.() ?? false)
  let disposed = false
  let lastStreamBytes: number | null = null

  return {
    url: input.url,
    httpStatus: input.status,
    contentType: input.contentType,
    contentLength: input.contentLength,
    etag: input.etag,
    lastModified: input.lastModified,
    head,
    sha256,
    bytes,
    truncated,
    async *stream(): AsyncGenerator<Uint8Array> {
      if (disposed) throw new SpoolError('checks.spool.disposed')
      let seen = 0
      for await (const chunk of createReadStream(path, { highWaterMark: 64 * 1024 })) {
        const c = chunk as Buffer
        seen += c.byteLength
        yield new Uint8Array(c.buffer, c.byteOffset, c.byteLength)
      }
      lastStreamBytes = seen
    },
    truncatedAtCap: () => truncated,
    // Spooling already read the whole (capped) body, so this is known before any stream().
    bytesRead: () => lastStreamBytes ?? bytes,
    async dispose() {
      disposed = true
      await rm(dir, { recursive: true, force: true })
    },
  }
}

/**
 * Removes spool folders left behind by a process that died mid-check (older than
 * `olderThanMs`, default a day, so a running worker's spools are never touched). Returns how
 * many were removed. Never throws: a folder it cannot read or remove is left alone.
 */
export async function removeStaleSpools(opts: { tmpDir?: string; olderThanMs?: number; now?: number } = {}): Promise<number> {
  const dir = opts.tmpDir ?? tmpdir()
  const limit = (opts.now ?? Date.now()) - (opts.olderThanMs ?? 86_400_000)
  let removed = 0
  let names: string[]
  try {
    names = await readdir(dir)
  } catch {
    return 0
  }
  for (const name of names) {
    if (!name.startsWith('datavakt-spool-')) continue
    try {
      const st = await stat(join(dir, name))
      if (st.mtimeMs < limit) {
        await rm(join(dir, name), { recursive: true, force: true })
        removed++
      }
    } catch {
      // Gone already, or not ours to remove.
    }
  }
  return removed
}
