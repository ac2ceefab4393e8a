/**
 * Certificates for the TLS tests, made at test time by the `openssl` CLI in a temp
 * folder (node:crypto cannot issue X.509): a test CA, leaves signed by it (valid,
 * expiring soon, expired, for another host name) and a self-signed leaf.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export interface TestCerts {
  ca: string
  key: string
  valid: string
  expiringSoon: string
  expired: string
  wrongHost: string
  selfSigned: string
  cleanup(): void
}

/** Throws with a clear message when openssl is missing (install it: apt-get install -y openssl). */
export function makeTestCerts(): TestCerts {
  const dir = mkdtempSync(join(tmpdir(), 'datavakt-certs-'))
  const run = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] })
  try {
    run('version')
  } catch (err) {
    throw new Error('The TLS tests need the openssl CLI (apt-get install -y openssl)', { cause: err })
  }
  // EC keys: generated in milliseconds, unlike RSA.
  run('ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', 'ca.key')
  run('req', '-x509', '-key', 'ca.key', '-out', 'ca.crt', '-days', '30', '-subj', '/CN=datavakt test CA', '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign')
  run('ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', 'leaf.key')
  run('req', '-new', '-key', 'leaf.key', '-subj', '/CN=127.0.0.1', '-out', 'leaf.csr')
  let serial = 10
  const leaf = (name: string, days: number, san: string) => {
    writeFileSync(join(dir, `${name}.ext`), `subjectAltName=${san}\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n`)
    // A negative -days gives a notAfter in the past: an expired certificate.
    run('x509', '-req', '-in', 'leaf.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key', '-set_serial', String(serial++), '-days', String(days), '-extfile', `${name}.ext`, '-out', `${name}.crt`)
    return readFileSync(join(dir, `${name}.crt`), 'utf8')
  }
  const valid = leaf('valid', 300, 'IP:127.0.0.1,DNS:localhost')
  const expiringSoon = leaf('soon', 5, 'IP:127.0.0.1')
  const expired = leaf('expired', -1, 'IP:127.0.0.1')
  const wrongHost = leaf('wrong', 300, 'DNS:wrong.example')
  run('req', '-x509', '-key', 'leaf.key', '-out', 'self.crt', '-days', '30', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1')
  return {
    ca: readFileSync(join(dir, 'ca.crt'), 'utf8'),
    key: readFileSync(join(dir, 'leaf.key'), 'utf8'),
    valid,
    expiringSoon,
    expired,
    wrongHost,
    selfSigned: readFileSync(join(dir, 'self.crt'), 'utf8'),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  }
}
