// The Backend API's secret key is this checkout's own, never a value published in the repo.
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createEmulator } from '../src/emulator.ts'
import { generateSigningKeyPem, loadOrCreateSecretKey, signingKeyFromPem } from '../src/keys.ts'

let dir: string

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'clerk-emulator-secret-'))
})

afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('the emulator’s secret key', () => {
  it('is made once per checkout, kept private, and read back unchanged', async () => {
    const file = path.join(dir, 'clerk-emulator', 'secret-key')
    const key = loadOrCreateSecretKey({ file })
    expect(key).toMatch(/^sk_live_[0-9a-f]{48}$/)
    expect((await stat(file)).mode & 0o077).toBe(0)
    expect(loadOrCreateSecretKey({ file })).toBe(key)
    expect(loadOrCreateSecretKey({ file: path.join(dir, 'other') })).not.toBe(key)
  })

  it('refuses a file that holds no secret key, naming it', async () => {
    const file = path.join(dir, 'empty-secret-key')
    await writeFile(file, '')
    expect(() => loadOrCreateSecretKey({ file })).toThrow(/empty-secret-key does not hold/)
  })

  it('comes from CLERK_EMULATOR_SECRET_KEY when that is set', () => {
    expect(loadOrCreateSecretKey({ value: 'sk_live_given', file: path.join(dir, 'unused') })).toBe(
      'sk_live_given',
    )
  })

  it('is random for an emulator given none', () => {
    const key = signingKeyFromPem(generateSigningKeyPem(), 'test')
    const options = { origin: 'http://localhost:4100', key, users: [], log: () => undefined }
    expect(createEmulator(options).instance.secretKey).not.toBe(
      createEmulator(options).instance.secretKey,
    )
  })
})
