/**
 * A child program for turtle-memory.test.ts: parses the catalogue file named by its first
 * argument with parseRdf and prints, as JSON, its size, the statements read, the RSS before
 * the parse (the file already in memory) and the process's peak RSS (the kernel's maxRSS,
 * which sees a peak that sampling would miss).
 */
import { readFileSync } from 'node:fs'
import { parseRdf } from '../../src/harvest/parse-rdf.js'

const file = process.argv[2]!
const body = readFileSync(file)
const rssBefore = process.memoryUsage.rss()
const maxRssBefore = process.resourceUsage().maxRSS * 1024
const doc = await parseRdf(body, { url: 'http://127.0.0.1/catalog.ttl', contentType: 'text/turtle' })
const maxRss = process.resourceUsage().maxRSS * 1024
console.log(JSON.stringify({ bytes: body.length, statements: doc.graph.size, rssBefore, maxRssBefore, maxRss }))
