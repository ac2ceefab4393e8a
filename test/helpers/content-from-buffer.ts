import type { ContentSource } from '../../checks/types.js'

/**
 * A ContentSource over bytes held in memory, for check tests: `head` is the first 64 KiB,
 * `stream()` yields the rest in chunks, like the content runner's spool does.
 */
export function contentFromBuffer(
  body: Uint8Array | string,
  init: Partial<Pick<ContentSource, 'url' | 'httpStatus' | 'contentType' | 'contentLength' | 'etag' | 'lastModified'>> = {},
): ContentSource {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : Buffer.from(body)
  let read: number | null = null
  return {
    url: init.url ?? 'http://127.0.0.1/file',
    httpStatus: init.httpStatus === undefined ? 200 : init.httpStatus,
    contentType: init.contentType ?? null,
    contentLength: init.contentLength === undefined ? bytes.length : init.contentLength,
    etag: init.etag ?? null,
    lastModified: init.lastModified ?? null,
    head: bytes.subarray(0, 65536),
    async *stream() {
      let n = 0
      for (let i = 0; i < bytes.length; i += 16384) {
        const chunk = bytes.subarray(i, i + 16384)
        n += chunk.length
        yield chunk
      }
      read = n
    },
    truncatedAtCap: () => false,
    bytesRead: () => read,
  }
}
