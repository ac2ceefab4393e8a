/**
 * Child process of `npm run bench:harvest`: generates the catalogue and serves it on
 * 127.0.0.1, so the harvester's RSS is measured without the server's memory in it.
 * Prints `{"origin": ...}` on stdout once listening; exits when stdin closes.
 */
import { generateRdfXmlCatalogue } from '../harvest/generate-catalogue.js'
import { serve } from '../harvest/serve.js'

const n = Number(process.argv[2] ?? 5000)
const server = await serve(() => false)
const body = Buffer.from(generateRdfXmlCatalogue({ base: server.origin, datasets: n }))
server.handler = (_req, res) => {
  res.writeHead(200, { 'content-type': 'application/rdf+xml', 'content-length': body.length })
  res.end(body)
}
process.stdout.write(`${JSON.stringify({ origin: server.origin, bytes: body.length })}\n`)
process.stdin.resume()
process.stdin.on('end', () => void server.close().then(() => process.exit(0)))
