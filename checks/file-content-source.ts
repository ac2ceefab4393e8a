/**
 * A ContentSource over a local file, for `datavakt validate` and tests: the head is read
 * once, `stream()` opens a fresh read stream each time (so several checks can read it),
 * capped at `maxBytes`. Nothing is read whole into memory.
 */
import { createReadStream } from 'node:fs'
import { open, stat } from 'node:fs/promises'
import { extname } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { ContentSource } from './types.js'

export interface FileContentSourceOptions {
  /** Default 1 GiB, as the content sweep. */
  maxBytes?: number
  /** Overrides the type guessed from the file extension. */
  contentType?: string | null
  /** Reported as the source URL (e.g. the URL a temporary file was downloaded from). */
  url?: string
}

const HEAD_BYTES = 64 * 1024
const TYPES: Record<string, string> = {
  '.csv': 'text/csv',
  '.tsv': 'text/tab-separated-values',
  '.txt': 'text/plain',
  '.json': 'application/json',
  '.geojson': 'application/geo+json',
  '.xml': 'application/xml',
  '.html': 'text/html',
}

/**
 * Opens `path` as a ContentSource. Throws the fs error (ENOENT, EISDIR, EACCES) when the
 * file cannot be read; callers turn that into a clear message.
 */
export async function createFileContentSource(path: string, opts: FileContentSourceOptions = {}): Promise<ContentSource> {
  const maxBytes = opts.maxBytes ?? 1_073_741_824
  const info = await stat(path)
  if (!info.isFile()) throw Object.assign(new Error(`${path} is not a file`), { code: 'EISDIR' })
  const fh = await open(path, 'r')
  let head: Uint8Array
  try {
    const buf = Buffer.alloc(Math.min(HEAD_BYTES, info.size))
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0)
    head = buf.subarray(0, bytesRead)
  } finally {
    await fh.close()
  }
  let lastBytes: number | null = null
  let truncated = false
  return {
    url: opts.url ?? pathToFileURL(path).href,
    httpStatus: null,
    contentType: opts.contentType !== undefined ? opts.contentType : (TYPES[extname(path).toLowerCase()] ?? null),
    contentLength: info.size,
    etag: null,
    lastModified: info.mtime.toUTCString(),
    head,
    async *stream(): AsyncIterable<Uint8Array> {
      let bytes = 0
      const rs = createReadStream(path, { highWaterMark: 256 * 1024, end: maxBytes - 1 })
      try {
        for await (const chunk of rs) {
          bytes += (chunk as Buffer).length
          yield chunk as Buffer
        }
      } finally {
        rs.destroy()
      }
      lastBytes = bytes
      truncated = info.size > maxBytes
    },
    truncatedAtCap: () => truncated,
    bytesRead: () => lastBytes,
  }
}
