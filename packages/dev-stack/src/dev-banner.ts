// `pnpm dev` runs every service as a turbo task; this one waits until all of them answer and
// prints one banner with where to go and who to sign in as.
import path from 'node:path'
import { localEmulatorSettings } from '@repo/clerk-emulator'
import { localStack, presentApps, readSeedOrganizations, seededUsers } from '@repo/local-stack'
import { localSecretsFile, localStackSecrets } from '@repo/local-supabase'
import { readinessUrls, renderBanner } from './banner.ts'

const stack = localStack()
const apps = presentApps()
const services = readinessUrls(stack, apps)

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

console.log(
  renderBanner({
    stack,
    users: seededUsers(),
    organizations: readSeedOrganizations(),
    secrets: { ...localStackSecrets(), clerkSecretKey: localEmulatorSettings().secretKey },
    secretsDir: `${path.dirname(localSecretsFile)}/`,
    apps,
  }),
)
// Stay up like the other dev tasks, so turbo's Ctrl-C ends everything together.
setInterval(() => undefined, 1 << 30)
