// A missing setting stops the server as it starts, with every missing variable named, instead of
// failing each request later.
import { EnvError } from '@repo/env'

try {
  await import('./lib/env')
} catch (error) {
  // `next start` logs a failing hook and goes on serving errors; a production server that cannot
  // work should stop where the deploy log shows why. `next dev` shows the error in its overlay.
  // biome-ignore lint/style/noProcessEnv: the env module failed to load; Next inlines NODE_ENV.
  if (error instanceof EnvError && process.env.NODE_ENV === 'production') {
    console.error(error.message)
    process.exit(1)
  }
  throw error
}
