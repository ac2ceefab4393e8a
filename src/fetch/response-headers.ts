/** A response's headers as undici gives them. */
export type ResponseHeaders = Record<string, string | string[] | undefined>

/** The first value of a header, or null when it is missing. */
export function firstHeader(headers: ResponseHeaders, name: string): string | null {
  const v = headers[name]
  return Array.isArray(v) ? (v[0] ?? null) : (v ?? null)
}

/** A header holding a whole non-negative number (Content-Length), or null when missing or not one. */
export function intHeader(headers: ResponseHeaders, name: string): number | null {
  const v = firstHeader(headers, name)
  return v !== null && /^\d+$/.test(v.trim()) ? Number(v.trim()) : null
}
