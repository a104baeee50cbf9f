import { createEnv } from '@t3-oss/env-core'
import { describe, expect, it } from 'vitest'
import {
  EnvError,
  everyPreset,
  httpUrl,
  optionalText,
  port,
  requiredText,
  throwEnvError,
} from '../src/index.ts'
import { envProblems } from '../src/testing.ts'

function read(runtimeEnv: Record<string, string | undefined>) {
  return createEnv({
    server: {
      URL: httpUrl(
        'URL is not set. It comes from the dashboard.',
        (value) => `URL must be an http(s) URL (got "${value}").`,
      ),
      NAME: requiredText('NAME is not set. It comes from the dashboard.'),
      NOTE: optionalText(),
      PORT: port('PORT', 4100),
    },
    runtimeEnv,
    onValidationError: throwEnvError('The example is not configured'),
  })
}

describe('env fields', () => {
  it('reads set values and falls back for a port', () => {
    expect({ ...read({ URL: 'http://127.0.0.1:54321', NAME: ' kit ' }) }).toEqual({
      URL: 'http://127.0.0.1:54321',
      NAME: 'kit',
      NOTE: undefined,
      PORT: 4100,
    })
    expect(read({ URL: 'https://x.supabase.co', NAME: 'kit', PORT: '5100' }).PORT).toBe(5100)
  })

  it('lists every problem at once, each naming its variable, blank counting as unset', () => {
    const problems = envProblems(() => read({ URL: 'localhost:54321', NAME: '  ', PORT: '99999' }))
    expect(problems).toEqual([
      'URL must be an http(s) URL (got "localhost:54321").',
      'NAME is not set. It comes from the dashboard.',
      'PORT must be a TCP port between 1 and 65535 (got "99999").',
    ])
  })

  it('says what is not configured, one problem per line', () => {
    expect(() => read({})).toThrow(
      /^The example is not configured:\n- URL is not set\. It comes from the dashboard\.\n- NAME is not set/,
    )
  })
})

describe('everyPreset', () => {
  const preset = (name: string) => () =>
    createEnv({
      server: { [name]: requiredText(`${name} is not set. It comes from the dashboard.`) },
      runtimeEnv: {},
      onValidationError: throwEnvError(`${name}'s group is not configured`),
    })

  it('names the problems of every preset at once, not only the first to throw', () => {
    const all = () => everyPreset('The app is not configured', [preset('CLERK'), preset('WEBHOOK')])
    expect(all).toThrow(EnvError)
    expect(all).toThrow(
      'The app is not configured:\n- CLERK is not set. It comes from the dashboard.\n- WEBHOOK is not set. It comes from the dashboard.',
    )
  })

  it('gives back each preset when all are configured, and lets other errors through', () => {
    expect(everyPreset('The app', [() => ({ A: 1 }), () => ({ B: 2 })])).toEqual([
      { A: 1 },
      { B: 2 },
    ])
    const broken = () => {
      throw new TypeError('a bug, not a missing variable')
    }
    expect(() => everyPreset('The app', [broken])).toThrow(TypeError)
  })
})
