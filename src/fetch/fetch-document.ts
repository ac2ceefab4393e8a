import { request, Agent } from 'undici'

/**
 * Fetches a whole document (a catalogue page, a schema) with a byte cap and a timeout.
 * This is the simple first version; the availability work replaces its internals with
 * the guarded, polite engine while keeping this signature.
 */
export interface FetchDocumentOptions {
  maxBytes: number
  timeoutMs: number
  allowPrivateNetworks: boolean
  userAgent?: string
  accept?: string
  signal?: AbortSignal
}

export interface FetchedDocument {
  url: string
  finalUrl: string
  status: number
  contentType: string | null
  body: Buffer
}

/** Thrown when a document cannot be fetched: network failure, cap exceeded, timeout. */
export class FetchDocumentError extends Error {
  override name = 'FetchDocumentError'
  constructor(
    message: string,
    readonly url: string,
    readonly status: number | null = null,
    options?: ErrorOptions,
  ) {
    super(message, options)
  }
}

const agent = new Agent({ connections: 4, connect: { timeout: 10_000 } })

export async function fetchDocument(url: string, opts: FetchDocumentOptions): Promise<FetchedDocument> {
  let current = url
  for (let hop = 0; hop <= 10; hop++) {
    const res = await request(current, {
      dispatcher: agent,
      method: 'GET',
      headers: {
        'user-agent': opts.userAgent ?? 'datavakt/0.1',
        accept: opts.accept ?? '*/*',
      },
      headersTimeout: opts.timeoutMs,
      bodyTimeout: opts.timeoutMs,
      signal: opts.signal,
    }).catch((err: Error) => {
      throw new FetchDocumentError(`Could not fetch ${current}: ${err.message}`, current, null, { cause: err })
    })
    if (res.statusCode >= 300 && res.statusCode < 400 && res.headers.location) {
      await res.body.dump()
      current = new URL(String(res.headers.location), current).toString()
      continue
    }
    const chunks: Buffer[] = []
    let size = 0
    for await (const chunk of res.body) {
      size += chunk.length
      if (size > opts.maxBytes) {
        res.body.destroy()
        throw new FetchDocumentError(`${current} is larger than the limit of ${opts.maxBytes} bytes`, current, res.statusCode)
      }
      chunks.push(chunk as Buffer)
    }
    const ct = res.headers['content-type']
    return {
      url,
      finalUrl: current,
      status: res.statusCode,
      contentType: Array.isArray(ct) ? ct[0] : (ct ?? null),
      body: Buffer.concat(chunks),
    }
  }
  throw new FetchDocumentError(`Too many redirects from ${url}`, url)
}
