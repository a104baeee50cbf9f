// `pnpm dev` runs every service as a turbo task; this one waits until all of them answer and
// prints one banner with where to go and who to sign in as.
import { localEmulatorAppEnv, localEmulatorSettings } from '@repo/clerk-emulator'
import { seededUsers } from '@repo/clerk-emulator/testing'
import { localSecretsFile, localStackSecrets } from '@repo/local-supabase'
import { LOCAL_SUPABASE_URL } from './app-env.ts'

const services = [
  [
    'Clerk emulator',
    `${new URL(localEmulatorAppEnv().next.CLERK_API_URL ?? 'http://localhost:4100').origin}/.well-known/jwks.json`,
  ],
  ['local-supabase', `${LOCAL_SUPABASE_URL}/health`],
  ['Next.js app', 'http://localhost:3000/sign-in'],
  ['Remix app', 'http://localhost:3001/sign-in'],
] as const

async function answers(url: string): Promise<boolean> {
  try {
    return (await fetch(url)).ok
  } catch {
    return false
  }
}

const started = Date.now()
const waiting = new Set<string>(services.map(([name]) => name))
while (waiting.size > 0) {
  for (const [name, url] of services) {
    if (waiting.has(name) && (await answers(url))) waiting.delete(name)
  }
  if (Date.now() - started > 180_000) {
    console.error(
      `dev: still waiting for ${[...waiting].join(', ')} after 3 minutes; see their logs above.`,
    )
    process.exit(1)
  }
  await new Promise((resolve) => setTimeout(resolve, 500))
}

const { alice, bob } = seededUsers()
const secrets = localStackSecrets()
console.log(
  [
    '',
    '┌──────────────────────────────────────────────────────────────────┐',
    '  Clerk + Supabase kit is running (Ctrl-C stops everything)',
    '',
    '  Next.js   http://localhost:3000      (/ client-side, /ssr server)',
    '  Remix     http://localhost:3001',
    '',
    `  Sign in:  ${alice.email} / ${alice.password}`,
    `            ${bob.email} / ${bob.password}`,
    '  Sign up:  any new email; the verification code is 424242',
    '',
    '  Clerk emulator  http://localhost:4100   local-supabase  http://127.0.0.1:54321',
    '',
    `  This checkout's keys (random, kept in ${localSecretsFile.replace(/supabase-secrets\.json$/, '')}):`,
    `    Supabase anon key      ${secrets.anonKey}`,
    `    Supabase service key   ${secrets.serviceRoleKey}  (server-only: bypasses RLS)`,
    `    Postgres               postgres://postgres:${encodeURIComponent(secrets.dbPassword)}@127.0.0.1:54322/postgres`,
    `    Clerk secret key       ${localEmulatorSettings().secretKey}`,
    '└──────────────────────────────────────────────────────────────────┘',
    '',
  ].join('\n'),
)
// Stay up like the other dev tasks, so turbo's Ctrl-C ends everything together.
setInterval(() => undefined, 1 << 30)
