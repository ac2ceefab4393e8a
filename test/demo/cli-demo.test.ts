import { describe, expect, it } from 'vitest'
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { request } from 'undici'

const bin = fileURLToPath(new URL('../../bin/datavakt.js', import.meta.url))

describe('datavakt demo --world-only', () => {
  it('prints catalogues and hosts, serves them, and stops cleanly on SIGINT', async () => {
    const child = spawn(process.execPath, [bin, 'demo', '--world-only', '--size', '300', '--hosts', '8', '--seed', '4'], { stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    let err = ''
    child.stderr.on('data', (c: Buffer) => (err += c.toString()))
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)))
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ready line; stdout: ${out}; stderr: ${err}`)), 30_000)
      child.stdout.on('data', (c: Buffer) => {
        out += c.toString()
        if (out.includes('Ctrl-C')) {
          clearTimeout(timer)
          resolve()
        }
      })
    })
    const catalogueLines = out.split('\n').filter((l) => /\/datasets\/dcat$/.test(l.trim()))
    expect(catalogueLines).toHaveLength(50)
    expect(out).toMatch(/Göteborgs Stad\s+http:\/\/127\.0\.100\.1:\d+\/goteborg\/datasets\/dcat/)
    const hostLines = out.split('\n').filter((l) => /^\s+127\.0\.\d+\.\d+:\d+\s+\d+ distribution(er)?\b/.test(l))
    expect(hostLines.length).toBe(9) // 8 hosts + 1 where nobody listens
    const url = /(http:\/\/127\.0\.100\.1:\d+\/goteborg\/datasets\/dcat)/.exec(out)![1]
    const res = await request(url)
    expect(res.statusCode).toBe(200)
    expect(await res.body.text()).toContain('<dcat:Catalog')
    child.kill('SIGINT')
    expect(await exited).toBe(0)
  })

  it('refuses bad numbers with exit code 2', async () => {
    const child = spawn(process.execPath, [bin, 'demo', '--world-only', '--size', 'många'], { stdio: ['ignore', 'pipe', 'pipe'] })
    let err = ''
    child.stderr.on('data', (c: Buffer) => (err += c.toString()))
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)))
    expect(code).toBe(2)
    expect(err).toContain('--size')
  })
})
