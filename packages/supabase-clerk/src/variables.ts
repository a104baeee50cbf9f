// Each framework's env variable names, by what they hold: its preset reads them, and the dev
// tooling derives from them the env groups with-local-env fills in and the Clerk emulator's
// print-env, so a name is written here once.

export interface FrameworkVariables {
  clerk: {
    publishableKey: string
    /** Server-only. */
    secretKey: string
    /** Optional: verifies session tokens without a network call. */
    jwtKey: string
    /**
     * Read by the Clerk SDK itself, and set only to reach a Clerk that is not Clerk's own (the
     * emulator): its proxy, its clerk-js (and @clerk/ui) bundles, its Backend API.
     */
    proxyUrl: string
    jsUrl: string
    uiUrl?: string
    apiUrl: string
    /** The SDK's own switches, which change nothing about which Clerk it talks to. */
    telemetryDisabled: string
    keylessDisabled?: string
    /** The clerk-js its Clerk SDK loads: 5 for @clerk/remix 4, 6 (with @clerk/ui) for Core 3. */
    clerkJsMajor: 5 | 6
  }
  supabase: {
    url: string
    publishableKey: string
  }
}

/** Where a user finds each value, for messages that name a missing one. */
export const WHERE_FROM = {
  clerkPublishableKey: 'the Clerk dashboard > API keys',
  clerkSecretKey: 'the Clerk dashboard > API keys (server-only)',
  supabaseUrl: 'the Supabase dashboard > Project Settings > Data API > Project URL',
  supabasePublishableKey:
    'the Supabase dashboard > Project Settings > API Keys > Publishable key (or the legacy anon key)',
} as const
