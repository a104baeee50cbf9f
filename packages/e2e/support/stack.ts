// The local stack the suite shares, on the ports and with the signing key `pnpm dev` uses (the
// dev servers resolve their env exactly as under `pnpm dev`, and `next build` inlined these URLs):
// the Clerk emulator and local-supabase. It runs in Playwright's global-setup process, with the
// apps and the control server (support/control.ts) the workers reach it through.
import type { AppEnv } from '@repo/clerk-emulator'
import { type LocalServices, startLocalServices } from '@repo/dev-stack/testing'

/** What a worker knows of the stack (shared through E2E_STACK; see support/env.ts). */
export interface StackInfo {
  emulatorUrl: string
  /** The Clerk env a built app gets (what with-local-env would add). */
  clerkEnv: AppEnv
  supabaseUrl: string
  anonKey: string
  serviceRoleKey: string
  controlUrl: string
  verificationCode: string
}

/** The suite's one stack: @repo/dev-stack's local services, as `pnpm dev` runs them. */
export type Stack = LocalServices

export const startStack = startLocalServices

export function stackInfo(stack: Stack, controlUrl: string): StackInfo {
  const { clerk, supabase } = stack
  return {
    emulatorUrl: clerk.url,
    clerkEnv: stack.clerkEnv,
    supabaseUrl: supabase.url,
    anonKey: supabase.anonKey,
    serviceRoleKey: supabase.serviceRoleKey,
    controlUrl,
    verificationCode: clerk.emulator.verificationCode,
  }
}
