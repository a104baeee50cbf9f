import { EnvError, renamedField, throwEnvError } from '@repo/env'
import { createEnv } from '@t3-oss/env-nextjs'
import {
  clerkJwtKeyField,
  clerkPublishableKeyField,
  clerkSecretKeyField,
  supabaseKeyField,
  supabaseUrlField,
} from '../env.ts'
import { NEXT_VARIABLES as NEXT } from './variables.ts'

const NEXT_PUBLIC_NOTE =
  'Next.js exposes only NEXT_PUBLIC_-prefixed variables to browser code, and inlines them at build time: set it in apps/next/.env.local (or the deployment env) and rebuild.'

/** The public values, which the app's env module spells out (see below). */
export interface NextPublicEnv {
  NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: string | undefined
  NEXT_PUBLIC_SUPABASE_URL: string | undefined
  NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY: string | undefined
  /**
   * The old name (Clerk's Supabase guide), still read. Here so that the app writes it out too:
   * Next inlines only the names the app's code spells in full.
   */
  NEXT_PUBLIC_SUPABASE_KEY: string | undefined
}

/** The public half: what `next build` inlines into browser code. */
function publicFields(publicEnv: NextPublicEnv) {
  return {
    NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: clerkPublishableKeyField(
      'NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY',
      'apps/next/.env.local (or the build env) and rebuild: Next inlines it at build time',
    ),
    NEXT_PUBLIC_SUPABASE_URL: supabaseUrlField('NEXT_PUBLIC_SUPABASE_URL', NEXT_PUBLIC_NOTE),
    NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY: renamedField(
      publicEnv,
      'NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY',
      (label) => supabaseKeyField(label, NEXT_PUBLIC_NOTE),
    ),
  }
}

/** Set to 1 to let a production build inline a local address (a local preview, not a deploy). */
export const ALLOW_LOCALHOST_BUILD = 'ALLOW_LOCALHOST_BUILD'

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '0.0.0.0', '[::1]'])

/** The host a value points at: a URL's, or the Frontend API host a publishable key encodes. */
function hostOf(value: string): string | undefined {
  const key = /^pk_(?:test|live)_(.+)$/.exec(value)?.[1]
  try {
    return new URL(key ? `https://${atob(key).replace(/\$$/, '')}` : value).hostname
  } catch {
    return undefined
  }
}

const isLocalHost = (host: string) => LOCAL_HOSTS.has(host) || host.endsWith('.localhost')

/**
 * For next.config.ts in `next build`: the public values the build will inline into every
 * visitor's browser, checked before anything compiles. Each missing one is named with where it
 * comes from, as the server's own check does at start; a value that points at this machine is
 * refused unless ALLOW_LOCALHOST_BUILD=1 says the build is a local one. Server-only values are
 * not read: a deploy sets them at run time.
 */
export function checkNextBuildEnv(env: Record<string, string | undefined>): void {
  const subject = 'apps/next cannot be built for production'
  const publicEnv = Object.fromEntries(
    Object.entries(env).filter(([name]) => name.startsWith('NEXT_PUBLIC_')),
  )
  const named: NextPublicEnv = {
    NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: env.NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY,
    NEXT_PUBLIC_SUPABASE_URL: env.NEXT_PUBLIC_SUPABASE_URL,
    NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY: env.NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY,
    NEXT_PUBLIC_SUPABASE_KEY: env.NEXT_PUBLIC_SUPABASE_KEY,
  }
  createEnv({
    client: publicFields(named),
    experimental__runtimeEnv: named,
    onValidationError: throwEnvError(subject),
  })
  if (env[ALLOW_LOCALHOST_BUILD] === '1') return
  const local = Object.entries(publicEnv).flatMap(([name, value]) => {
    const host = value ? hostOf(value) : undefined
    return host && isLocalHost(host)
      ? [
          `${name} points at ${host}, which is this machine, not your visitors': set it to your Clerk or Supabase value for the deployment, or set ${ALLOW_LOCALHOST_BUILD}=1 for a build you run locally (pnpm preview does).`,
        ]
      : []
  })
  if (local.length > 0) throw new EnvError(subject, local)
}

/**
 * Clerk's and Supabase's variables for a Next.js app, for its env module's `extends`. Next
 * inlines NEXT_PUBLIC_* into browser code only where the app's own code writes them out as
 * process.env.NEXT_PUBLIC_..., so the app passes them in; server values come from process.env.
 */
export function supabaseClerkEnv(publicEnv: NextPublicEnv, { skipValidation = false } = {}) {
  return createEnv({
    skipValidation,
    server: {
      [NEXT.clerk.secretKey]: clerkSecretKeyField(
        NEXT.clerk.secretKey,
        'apps/next/.env.local or the server env (server-only, never NEXT_PUBLIC_)',
      ),
      [NEXT.clerk.jwtKey]: clerkJwtKeyField(),
    },
    client: publicFields(publicEnv),
    experimental__runtimeEnv: { ...publicEnv },
    onValidationError: throwEnvError('Clerk and Supabase are not configured for apps/next'),
  })
}
