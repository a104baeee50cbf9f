// clerk-emulator start       serve the Frontend + Backend API until Ctrl-C
// clerk-emulator print-env   print the env each app needs (no server needed)

import { APP_NAMES, presentApps, readSeedOrganizations, readSeedUsers } from '@repo/local-stack'
import { localEmulatorAppEnv, toDotenv } from './app-env.ts'
import { createEmulator } from './emulator.ts'
import { readEnv } from './env.ts'
import { loadOrCreateSecretKey, loadOrCreateSigningKey, loadOrCreateWebhookSecret } from './keys.ts'
import { startEmulatorServer } from './server.ts'

async function main(): Promise<void> {
  const [command = 'start', ...args] = process.argv.slice(2)
  if (command === 'print-env') {
    // An emulator without users or webhook endpoints: one with them would start delivering the
    // seeded users' webhooks, and retry them, instead of printing and exiting.
    const env = localEmulatorAppEnv()
    // The apps this checkout has (a deleted app's folder drops it), or the one asked for.
    const apps = presentApps()
    const [asked] = args
    if (asked !== undefined && !apps.some((app) => app === asked)) {
      throw new Error(`print-env: "${asked}" is not an app of this checkout (${apps.join(', ')}).`)
    }
    const chosen = apps.filter((app) => asked === undefined || app === asked)
    process.stdout.write(chosen.map((app) => `# apps/${app}\n${toDotenv(env[app])}`).join('\n'))
    return
  }
  const env = readEnv()
  const key = loadOrCreateSigningKey({ pem: env.signingKeyPem, file: env.signingKeyFile })
  const secretKey = loadOrCreateSecretKey({ value: env.secretKey, file: env.secretKeyFile })
  const webhookSecret = loadOrCreateWebhookSecret({
    value: env.webhookSecret,
    file: env.webhookSecretFile,
  })
  const users = readSeedUsers()
  const organizations = readSeedOrganizations()
  const emulator = createEmulator({
    origin: env.origin,
    key,
    secretKey,
    users,
    organizations,
    usersFile: env.createdUsersFile,
    organizationsFile: env.createdOrganizationsFile,
    testEndpoints: env.testEndpoints,
    allowedOrigins: env.allowedOrigins,
    webhooks: { endpoints: env.webhookEndpoints, secret: webhookSecret },
  })

  if (command !== 'start') {
    throw new Error(
      `Unknown command "${command}". Use "start" or "print-env [${APP_NAMES.join('|')}]".`,
    )
  }

  const server = await startEmulatorServer(emulator, env.port)
  console.log(
    [
      `clerk-emulator is ready at ${server.url}`,
      `  publishable key: ${emulator.instance.publishableKey}`,
      `  proxy URL:       ${emulator.instance.proxyUrl}`,
      `  JWKS:            ${server.url}/.well-known/jwks.json`,
      `  secret key:      ${env.secretKey ? 'CLERK_EMULATOR_SECRET_KEY' : env.secretKeyFile} (random, made once per checkout)`,
      `  users:           ${users.map((user) => `${user.email} / ${user.password}`).join(', ')}`,
      `  organizations:   ${organizations.map((organization) => organization.name).join(', ')}`,
      `  webhooks:        ${env.webhookEndpoints.join(', ') || 'none'} (CLERK_EMULATOR_WEBHOOK_ENDPOINTS)`,
      `  sign-up code:    ${emulator.verificationCode}`,
      `  app origins:     ${[...emulator.allowedOrigins].join(', ')} (more: CLERK_EMULATOR_ALLOWED_ORIGINS)`,
      env.testEndpoints ? '  test endpoints:  on (/__emulator/*)' : '',
      'Press Ctrl-C to stop.',
    ]
      .filter(Boolean)
      .join('\n'),
  )
  const shutdown = () => {
    server.stop().then(() => process.exit(0))
  }
  process.once('SIGINT', shutdown)
  process.once('SIGTERM', shutdown)
}

main().catch((error: unknown) => {
  console.error(`clerk-emulator: ${error instanceof Error ? error.message : String(error)}`)
  process.exit(1)
})
