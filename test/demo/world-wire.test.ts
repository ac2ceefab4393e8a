import { describe, expect, it } from 'vitest'
import { request } from 'undici'
import { createGunzip } from 'node:zlib'
import iconv from 'iconv-lite'
import { parse } from 'csv-parse/sync'
import { fileTypeFromBuffer } from 'file-type'
import { cleanEntry, connectOutcome, entryWith, fetchRaw, header, useWorld } from './world-helpers.js'

const demo = useWorld({ seed: 7, slowMs: 3_000 })

describe('HTTP status defects', () => {
  const cases: [string, number][] = [
    ['http-404', 404],
    ['http-410', 410],
    ['http-500', 500],
    ['http-502', 502],
    ['login-wall', 401],
    ['forbidden', 403],
  ]
  for (const [defect, status] of cases) {
    it(`${defect} answers ${status}`, async () => {
      const e = entryWith(demo.world, defect)
      const res = await fetchRaw(demo.agent, e.url)
      expect(res.status).toBe(status)
      expect(header(res.headers, 'cf-mitigated')).toBeUndefined()
      if (defect === 'login-wall') expect(header(res.headers, 'www-authenticate')).toMatch(/^Basic/)
    })
  }

  it('503 and 429 carry Retry-After', async () => {
    for (const [defect, status] of [['http-503-retry-after', 503], ['http-429-retry-after', 429]] as const) {
      const res = await fetchRaw(demo.agent, entryWith(demo.world, defect).url)
      expect(res.status).toBe(status)
      expect(Number(header(res.headers, 'retry-after'))).toBeGreaterThan(0)
    }
  })

  it('bot-challenge is a 403 with cf-mitigated: challenge', async () => {
    const res = await fetchRaw(demo.agent, entryWith(demo.world, 'bot-challenge').url)
    expect(res.status).toBe(403)
    expect(header(res.headers, 'cf-mitigated')).toBe('challenge')
    expect(res.body.toString()).toContain('Just a moment')
  })
})

describe('network failures', () => {
  it('refused: nothing listens on the host', async () => {
    const e = entryWith(demo.world, 'refused')
    expect(demo.world.deadHosts).toContain(e.host)
    expect(demo.world.hosts).not.toContain(e.host)
    expect(await connectOutcome(e.host)).toBe('ECONNREFUSED')
  })

  it('timeout and no-response: headers never come within the client budget', async () => {
    for (const defect of ['timeout', 'no-response']) {
      const e = entryWith(demo.world, defect)
      const started = Date.now()
      const err = await request(e.url, { dispatcher: demo.agent, headersTimeout: 400 }).then(
        () => null,
        (x: Error & { code?: string }) => x,
      )
      expect(err?.code).toBe('UND_ERR_HEADERS_TIMEOUT')
      expect(Date.now() - started).toBeLessThan(2_500)
    }
  })

  it('reset: the connection is reset (RST) before any response', async () => {
    const e = entryWith(demo.world, 'reset')
    const err = await fetchRaw(demo.agent, e.url).then(
      () => null,
      (x: Error & { code?: string; cause?: { code?: string } }) => x,
    )
    expect(err).not.toBeNull()
    expect(err?.code).toBe('ECONNRESET')
  })

  it('truncated: Content-Length promises more than is sent, then the connection closes', async () => {
    const e = entryWith(demo.world, 'truncated')
    const res = await request(e.url, { dispatcher: demo.agent })
    expect(res.statusCode).toBe(200)
    const promised = Number(header(res.headers, 'content-length'))
    let got = 0
    const err = await (async () => {
      try {
        for await (const chunk of res.body) got += (chunk as Buffer).length
        return null
      } catch (x) {
        return x as Error
      }
    })()
    expect(err).not.toBeNull()
    expect(got).toBeGreaterThan(0)
    expect(got).toBeLessThan(promised)
  })

  it('empty-body: 200 with zero bytes', async () => {
    const res = await fetchRaw(demo.agent, entryWith(demo.world, 'empty-body').url)
    expect(res.status).toBe(200)
    expect(res.body.length).toBe(0)
  })
})

describe('redirects', () => {
  async function follow(url: string, max: number) {
    const seen: string[] = [url]
    let relative = 0
    let current = url
    for (let i = 0; i < max; i++) {
      const res = await fetchRaw(demo.agent, current)
      if (res.status < 300 || res.status >= 400) return { status: res.status, hops: i, seen, relative, body: res.body }
      const loc = header(res.headers, 'location') as string
      if (!/^https?:/.test(loc)) relative++
      current = new URL(loc, current).href
      seen.push(current)
    }
    return { status: 0, hops: max, seen, relative, body: Buffer.alloc(0) }
  }

  it('redirect-chain: 2–4 hops with relative Location, ending in the file', async () => {
    const r = await follow(entryWith(demo.world, 'redirect-chain').url, 20)
    expect(r.status).toBe(200)
    expect(r.hops).toBeGreaterThanOrEqual(2)
    expect(r.hops).toBeLessThanOrEqual(4)
    expect(r.relative).toBe(r.hops)
    expect(r.body.length).toBeGreaterThan(0)
  })

  it('redirect-loop: comes back to a URL already visited', async () => {
    const r = await follow(entryWith(demo.world, 'redirect-loop').url, 10)
    expect(r.status).toBe(0)
    expect(new Set(r.seen).size).toBeLessThan(r.seen.length)
  })

  it('too-many-redirects: 12 or more hops before the file', async () => {
    const r = await follow(entryWith(demo.world, 'too-many-redirects').url, 30)
    expect(r.status).toBe(200)
    expect(r.hops).toBeGreaterThanOrEqual(12)
    expect(new Set(r.seen).size).toBe(r.seen.length)
  })
})

describe('HEAD handling', () => {
  for (const [defect, status] of [['head-405', 405], ['head-501', 501], ['head-lies-404', 404]] as const) {
    it(`${defect}: HEAD ${status}, GET 200 with a body`, async () => {
      const e = entryWith(demo.world, defect)
      expect((await fetchRaw(demo.agent, e.url, { method: 'HEAD' })).status).toBe(status)
      const get = await fetchRaw(demo.agent, e.url)
      expect(get.status).toBe(200)
      expect(get.body.length).toBeGreaterThan(0)
    })
  }
})

describe('huge bodies', () => {
  it('huge-body: several GB announced, ignores Range, streams until the client stops', async () => {
    const e = entryWith(demo.world, 'huge-body')
    const res = await request(e.url, { dispatcher: demo.agent, headers: { range: 'bytes=0-99' } })
    expect(res.statusCode).toBe(200)
    expect(Number(header(res.headers, 'content-length'))).toBeGreaterThan(2 * 1024 ** 3)
    let got = 0
    for await (const chunk of res.body) {
      got += (chunk as Buffer).length
      if (got > 4 * 1024 * 1024) break
    }
    expect(got).toBeGreaterThan(4 * 1024 * 1024)
    // The world still answers after the early disconnect.
    expect((await fetchRaw(demo.agent, cleanEntry(demo.world, { ignoresRange: false }).url)).status).toBe(200)
  })

  it('gzip-bomb: a small compressed prefix inflates past a 64 MB cap', async () => {
    const e = entryWith(demo.world, 'gzip-bomb')
    const res = await request(e.url, { dispatcher: demo.agent })
    expect(header(res.headers, 'content-encoding')).toBe('gzip')
    // Take only the first 128 KB of what is sent, then hang up.
    const prefix: Buffer[] = []
    let compressed = 0
    for await (const chunk of res.body) {
      prefix.push(chunk as Buffer)
      compressed += (chunk as Buffer).length
      if (compressed >= 128 * 1024) break
    }
    res.body.destroy()
    const cap = 64 * 1024 * 1024
    let inflated = 0
    const gunzip = createGunzip()
    await new Promise<void>((resolve) => {
      gunzip.on('data', (c: Buffer) => {
        inflated += c.length
        if (inflated > cap) {
          gunzip.destroy()
          resolve()
        }
      })
      gunzip.on('end', () => resolve())
      gunzip.on('close', () => resolve())
      gunzip.on('error', () => resolve())
      gunzip.end(Buffer.concat(prefix).subarray(0, 128 * 1024))
    })
    expect(inflated).toBeGreaterThan(cap)
  })
})

describe('wrong content', () => {
  it('ogc-exception: 200 with a ServiceExceptionReport', async () => {
    const res = await fetchRaw(demo.agent, entryWith(demo.world, 'ogc-exception').url)
    expect(res.status).toBe(200)
    expect(res.body.toString()).toContain('<ServiceExceptionReport')
  })

  it('soft-404-html: 200 text/html "Sidan hittades inte" for a CSV URL', async () => {
    const e = entryWith(demo.world, 'soft-404-html')
    expect(e.kind).toBe('csv')
    const res = await fetchRaw(demo.agent, e.url)
    expect(res.status).toBe(200)
    expect(header(res.headers, 'content-type')).toMatch(/text\/html/)
    expect(res.body.toString()).toContain('Sidan hittades inte')
  })

  it('declared-csv-serves-xlsx: a real XLSX behind a text/csv declaration', async () => {
    const e = entryWith(demo.world, 'declared-csv-serves-xlsx')
    const res = await fetchRaw(demo.agent, e.url)
    expect(e.declaredFormat ?? 'text/csv').toBe('text/csv')
    expect((await fileTypeFromBuffer(res.body))?.ext).toBe('xlsx')
  })

  it('declared-json-serves-html: HTML behind application/json', async () => {
    const e = entryWith(demo.world, 'declared-json-serves-html')
    const res = await fetchRaw(demo.agent, e.url)
    expect(res.body.toString()).toMatch(/^<!DOCTYPE html>/)
    expect(() => JSON.parse(res.body.toString())).toThrow()
  })
})

describe('CSV content defects', () => {
  it('csv-latin1: Windows-1252 bytes, invalid as UTF-8', async () => {
    const res = await fetchRaw(demo.agent, entryWith(demo.world, 'csv-latin1').url)
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(res.body)).toThrow()
    expect(res.body.includes(0x96)).toBe(true) // en dash, only in Windows-1252
    expect(res.body.includes(0xe5)).toBe(true) // å
    expect(iconv.decode(res.body, 'win1252')).toContain('Öppet året runt – även för äldre')
  })

  it('csv-semicolon-decimal-comma: ; between cells, decimal comma in numbers', async () => {
    const all = [...demo.world.truth()].filter((x) => x.defects.includes('csv-semicolon-decimal-comma'))
    expect(all.length).toBeGreaterThan(0)
    for (const e of all) {
      const text = (await fetchRaw(demo.agent, e.url)).body.toString()
      const [head] = text.split('\r\n')
      expect(head.split(';').length).toBeGreaterThan(1)
      expect(head).not.toContain(',')
      // A decimal comma only breaks a spec that expects a decimal point.
      if (e.conformsTo && !e.conformsTo.includes('laddplatser')) {
        expect(text).toMatch(/;\d+,\d+;/)
        expect(e.expected.contentFindings).toEqual(['type-error'])
      } else {
        expect(e.expected.contentFindings).toEqual([])
      }
    }
  })

  it('csv-ragged: rows with extra and missing cells', async () => {
    const text = (await fetchRaw(demo.agent, entryWith(demo.world, 'csv-ragged').url)).body.toString()
    const rows = parse(text, { relax_column_count: true }) as string[][]
    const width = rows[0].length
    expect(rows.some((r) => r.length > width)).toBe(true)
    expect(rows.some((r) => r.length < width)).toBe(true)
  })

  it('csv-blank-header and csv-duplicate-header', async () => {
    const blank = parse((await fetchRaw(demo.agent, entryWith(demo.world, 'csv-blank-header').url)).body.toString(), { to_line: 1 }) as string[][]
    expect(blank[0]).toContain('')
    const dup = parse((await fetchRaw(demo.agent, entryWith(demo.world, 'csv-duplicate-header').url)).body.toString(), { to_line: 1 }) as string[][]
    expect(new Set(dup[0]).size).toBeLessThan(dup[0].length)
  })

  it('csv-bom: starts with the UTF-8 BOM', async () => {
    const res = await fetchRaw(demo.agent, entryWith(demo.world, 'csv-bom').url)
    expect([...res.body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
  })
})

describe('specification defects', () => {
  type Column = { name: string; datatype: { base: string; format?: string | { decimalChar?: string } } }
  async function schemaOf(uri: string) {
    const res = await fetchRaw(demo.agent, uri)
    expect(res.status).toBe(200)
    const schema = JSON.parse(res.body.toString()) as { tableSchema: { columns: Column[] }; dialect?: { delimiter?: string } }
    return Object.assign(schema.tableSchema.columns, { delimiter: schema.dialect?.delimiter ?? ',' })
  }
  function validCell(col: Column, v: string): boolean {
    const decimalChar = typeof col.datatype.format === 'object' ? (col.datatype.format.decimalChar ?? '.') : '.'
    switch (col.datatype.base) {
      case 'number':
        return (decimalChar === ',' ? /^-?\d+(,\d+)?$/ : /^-?\d+(\.\d+)?$/).test(v)
      case 'integer':
        return /^-?\d+$/.test(v)
      case 'boolean':
        return v === 'true' || v === 'false'
      case 'date':
        return /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v))
      default:
        return true
    }
  }
  function invalidCells(rows: string[][], columns: Column[]): number {
    let bad = 0
    for (const r of rows.slice(1)) r.forEach((v, i) => columns[i] && v !== '' && !validCell(columns[i], v) && bad++)
    return bad
  }
  async function rowsOf(url: string, delimiter: string): Promise<string[][]> {
    return parse((await fetchRaw(demo.agent, url)).body.toString(), { delimiter }) as string[][]
  }

  it('clean spec files follow their schema exactly: decimal point, or the declared decimal comma', async () => {
    const seen = new Set<string>()
    for (const x of demo.world.truth()) {
      if (!x.conformsTo || x.kind !== 'csv' || x.defects.length > 0 || x.baseDefect !== null || seen.has(x.conformsTo)) continue
      seen.add(x.conformsTo)
      const columns = await schemaOf(x.conformsTo)
      const rows = await rowsOf(x.url, columns.delimiter)
      expect(rows[0]).toEqual(columns.map((c) => c.name))
      expect(invalidCells(rows, columns)).toBe(0)
      if (x.conformsTo.includes('laddplatser')) {
        expect(columns.delimiter).toBe(';')
        expect(rows[1][2]).toMatch(/^\d+,\d+$/)
      } else {
        expect(rows[1][2]).toMatch(/^\d+\.\d+$/)
      }
    }
    expect(seen.size).toBe(demo.world.specs.length)
  })

  it('spec-type-error: a value breaks its column type', async () => {
    const e = entryWith(demo.world, 'spec-type-error')
    const columns = await schemaOf(e.conformsTo!)
    const rows = await rowsOf(e.url, columns.delimiter)
    expect(rows[0]).toEqual(columns.map((c) => c.name))
    expect(invalidCells(rows, columns)).toBeGreaterThan(0)
  })

  it('spec-extra-column: a column the spec does not have', async () => {
    const e = entryWith(demo.world, 'spec-extra-column')
    const columns = await schemaOf(`${e.conformsTo!}/schema.json`)
    const rows = await rowsOf(e.url, columns.delimiter)
    expect(rows[0].filter((h) => !columns.some((c) => c.name === h))).toEqual(['bild_url'])
  })
})

describe('Range and conditional requests', () => {
  it('honours Range: bytes=0-N with 206 on most hosts', async () => {
    const e = cleanEntry(demo.world, { ignoresRange: false, kind: 'csv' })
    const full = await fetchRaw(demo.agent, e.url)
    const part = await fetchRaw(demo.agent, e.url, { headers: { range: 'bytes=0-99' } })
    expect(part.status).toBe(206)
    expect(header(part.headers, 'content-range')).toBe(`bytes 0-99/${full.body.length}`)
    expect(part.body.equals(full.body.subarray(0, 100))).toBe(true)
    const beyond = await fetchRaw(demo.agent, e.url, { headers: { range: `bytes=${full.body.length + 10}-` } })
    expect(beyond.status).toBe(416)
  })

  it('some hosts ignore Range and send the whole body with 200', async () => {
    const e = cleanEntry(demo.world, { ignoresRange: true, kind: 'csv' })
    const part = await fetchRaw(demo.agent, e.url, { headers: { range: 'bytes=0-99' } })
    expect(part.status).toBe(200)
    expect(part.body.length).toBeGreaterThan(100)
  })

  it('answers If-None-Match and If-Modified-Since with 304', async () => {
    const e = cleanEntry(demo.world, { ignoresRange: false, kind: 'csv' })
    const first = await fetchRaw(demo.agent, e.url)
    expect(header(first.headers, 'etag')).toBe(e.etag)
    expect(header(first.headers, 'last-modified')).toBe(e.lastModified)
    expect((await fetchRaw(demo.agent, e.url, { headers: { 'if-none-match': e.etag } })).status).toBe(304)
    expect((await fetchRaw(demo.agent, e.url, { headers: { 'if-modified-since': e.lastModified } })).status).toBe(304)
  })

  it('survives many clients that read a prefix and hang up', async () => {
    const e = cleanEntry(demo.world, { ignoresRange: true, kind: 'csv' })
    const huge = entryWith(demo.world, 'huge-body')
    for (let i = 0; i < 30; i++) {
      const res = await request(i % 2 ? e.url : huge.url, { dispatcher: demo.agent })
      for await (const _ of res.body) break
      res.body.destroy()
    }
    expect((await fetchRaw(demo.agent, e.url)).status).toBe(200)
  })
})
