// The emulator's key files are made once and never seen half written: not by processes that start
// together on a fresh clone, and not after a start that was killed while writing.
import { execFile } from 'node:child_process'
import * as fs from 'node:fs'
import { mkdtemp, readdir, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { loadOrCreateSecretKey, loadOrCreateSigningKey } from '../src/keys.ts'

// The write is the boundary stubbed here: a test can make it die halfway (a killed process, a
// full disk) or let another start run while it is under way (the fresh-clone race).
const writes = vi.hoisted(() => ({
  dieHalfway: 0,
  during: undefined as (() => void) | undefined,
}))
vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs')>()
  return {
    ...real,
    writeFileSync: ((file, data, options) => {
      if (writes.dieHalfway > 0 && typeof data === 'string') {
        writes.dieHalfway--
        real.writeFileSync(file, data.slice(0, data.length / 2), options)
        throw Object.assign(new Error('killed mid-write'), { code: 'EINTR' })
      }
      const during = writes.during
      if (during) {
        writes.during = undefined
        // The file is open and empty, as another process sees it until the bytes land.
        real.writeFileSync(file, '', options)
        during()
        real.writeFileSync(file, data)
        return
      }
      real.writeFileSync(file, data, options)
    }) as typeof fs.writeFileSync,
  }
})

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'clerk-emulator-key-files-'))
})
afterEach(async () => {
  writes.dieHalfway = 0
  writes.during = undefined
  await rm(dir, { recursive: true, force: true })
})

describe('the signing key file', () => {
  it('is one key for a start that begins while another is writing it', () => {
    const file = path.join(dir, 'signing-key.pem')
    let other: string | undefined
    writes.during = () => {
      other = loadOrCreateSigningKey({ file }).kid
    }
    const first = loadOrCreateSigningKey({ file }).kid
    expect(other).toMatch(/^ins_/)
    expect(first).toBe(other)
  })

  it('is one key for processes starting together', async () => {
    const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
    const file = path.join(dir, 'signing-key.pem')
    const script = `import { loadOrCreateSigningKey } from './src/keys.ts'; console.log(loadOrCreateSigningKey({ file: ${JSON.stringify(file)} }).kid)`
    const kidFromNewProcess = () =>
      new Promise<string>((resolve, reject) =>
        execFile(
          path.join(packageDir, 'node_modules/.bin/tsx'),
          ['--eval', script],
          { cwd: packageDir },
          (error, stdout) => (error ? reject(error) : resolve(stdout.trim())),
        ),
      )
    const kids = await Promise.all(Array.from({ length: 4 }, kidFromNewProcess))
    expect(kids[0]).toMatch(/^ins_/)
    expect(new Set(kids).size).toBe(1)
  })

  it('is not left half written by a start that dies while writing it', async () => {
    const file = path.join(dir, 'signing-key.pem')
    writes.dieHalfway = 1
    expect(() => loadOrCreateSigningKey({ file })).toThrow(/killed mid-write/)
    expect(await readdir(dir)).toEqual([])
    const key = loadOrCreateSigningKey({ file })
    expect(key.kid).toMatch(/^ins_/)
    expect(loadOrCreateSigningKey({ file }).kid).toBe(key.kid)
  })

  it('that holds no key is refused by name, saying how to get a new one', () => {
    const file = path.join(dir, 'signing-key.pem')
    fs.writeFileSync(file, '-----BEGIN PRIVATE KEY-----\nMIIE')
    expect(() => loadOrCreateSigningKey({ file })).toThrow(`${file} is not a PEM private key`)
    expect(() => loadOrCreateSigningKey({ file })).toThrow(
      /Delete it; the emulator makes a new one\.$/,
    )
  })
})

describe('the secret key file', () => {
  it('is not left half written by a start that dies while writing it', async () => {
    const file = path.join(dir, 'secret-key')
    writes.dieHalfway = 1
    expect(() => loadOrCreateSecretKey({ file })).toThrow(/killed mid-write/)
    expect(await readdir(dir)).toEqual([])
    expect(loadOrCreateSecretKey({ file })).toMatch(/^sk_live_/)
  })
})
