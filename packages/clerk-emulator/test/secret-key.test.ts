// The Backend API's secret key is this checkout's own, never a value published in the repo.
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { localEmulatorAppEnv, localEmulatorSettings } from '../src/app-env.ts'
import { createEmulator } from '../src/emulator.ts'
import {
  generateSigningKeyPem,
  loadOrCreateSecretKey,
  randomSecretKey,
  signingKeyFromPem,
} from '../src/keys.ts'

let dir: string

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'clerk-emulator-secret-'))
})

afterEach(async () => {
  vi.unstubAllEnvs()
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

  it('comes from CLERK_EMULATOR_SECRET_KEY when that is set', async () => {
    const given = `sk_live_${'5e'.repeat(24)}`
    vi.stubEnv('CLERK_EMULATOR_SECRET_KEY', given)
    // The other two secrets from env too, so nothing is read from or written to .local/.
    vi.stubEnv('CLERK_EMULATOR_SIGNING_KEY', generateSigningKeyPem())
    vi.stubEnv('CLERK_EMULATOR_WEBHOOK_SECRET', `whsec_${Buffer.alloc(24, 7).toString('base64')}`)
    const settings = localEmulatorSettings()
    expect(settings.secretKey).toBe(given)
    // What print-env hands each app, and what the Backend API then accepts.
    const apps = localEmulatorAppEnv()
    expect(
      [apps.next, apps.remix, apps['react-router']].map((env) => env.CLERK_SECRET_KEY),
    ).toEqual([given, given, given])
    const emulator = createEmulator({
      origin: settings.origin,
      key: settings.key,
      secretKey: settings.secretKey,
      users: [],
      log: () => undefined,
    })
    const usersWith = (secret: string) =>
      emulator.handle({
        method: 'GET',
        url: new URL('/v1/users', settings.origin),
        headers: { authorization: `Bearer ${secret}` },
        cookies: {},
        body: {},
      })
    expect((await usersWith(given)).status).toBe(200)
    expect((await usersWith(randomSecretKey())).status).toBe(401)
  })

  it('is random for an emulator given none', () => {
    const key = signingKeyFromPem(generateSigningKeyPem(), 'test')
    const options = { origin: 'http://localhost:4100', key, users: [], log: () => undefined }
    expect(createEmulator(options).instance.secretKey).not.toBe(
      createEmulator(options).instance.secretKey,
    )
  })
})
