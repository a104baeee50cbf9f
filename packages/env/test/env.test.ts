import { createEnv } from '@t3-oss/env-core'
import { describe, expect, it } from 'vitest'
import { httpUrl, optionalText, port, requiredText, throwEnvError } from '../src/index.ts'
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
