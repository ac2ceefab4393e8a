import type { EngineParts } from './engine-parts.js'
import type { FetchedDocument } from './fetch-engine.js'
import { firstHeader } from './response-headers.js'
import { bodyChunks, openWholeBody, type BodyCount } from './whole-body.js'

/**
 * The engine's `fetchDocument`: a whole small document (a schema, a catalogue page),
 * decompressed and buffered, whatever its HTTP status. Refuses (FetchBodyError
 * `fetch.too-large`) a body over `maxBytes` or `http.maxDecompressedBytes`, a bomb
 * included; gives up (FetchDeadlineError, probe code `timeout`) after `deadlineMs`
 * (default `http.documentDeadlineMs`), however steadily the server trickles bytes.
 */
export async function fetchDocument(
  parts: EngineParts,
  url: string,
  o: { maxBytes: number; deadlineMs?: number; accept?: string },
): Promise<FetchedDocument> {
  const opened = await openWholeBody(parts, url, { accept: o.accept, deadlineMs: o.deadlineMs ?? parts.http.documentDeadlineMs })
  const count: BodyCount = { bytes: 0, truncated: false }
  const chunks: Uint8Array[] = []
  for await (const chunk of bodyChunks(opened, Math.min(o.maxBytes, parts.http.maxDecompressedBytes), 'refuse', count)) chunks.push(chunk)
  const { res } = opened
  return {
    url,
    finalUrl: opened.finalUrl.href,
    status: res.statusCode,
    contentType: firstHeader(res.headers, 'content-type'),
    body: Buffer.concat(chunks),
  }
}
