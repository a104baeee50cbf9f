#!/usr/bin/env node
// Runs before turbo in the root `build`, `dev`, `preview` and `test` scripts. Next's build inlines
// the local anon key from .local/supabase-secrets.json, and turbo hashes that file before any task
// runs: it must exist by then, or a build made while it was missing could be replayed later with
// a key the stack no longer has.
import { existsSync } from 'node:fs'
import { register } from 'tsx/esm/api'

register()
const { loadOrCreateLocalSecrets, localSecretsFile } = await import('../src/local-secrets.ts')
if (!existsSync(localSecretsFile)) {
  loadOrCreateLocalSecrets()
  console.log(`local-supabase: made this checkout's random keys in ${localSecretsFile}`)
}
