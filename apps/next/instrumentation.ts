// Runs once as the server starts: a missing setting stops it there, with every missing variable
// named, instead of failing each request later.
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return
  const { AppEnvError, assertAppEnv } = await import('./lib/env')
  try {
    assertAppEnv()
  } catch (error) {
    // `next start` logs a failing hook and goes on serving errors; a production server that
    // cannot work should stop where the deploy log shows why. `next dev` shows it in the overlay.
    if (error instanceof AppEnvError && process.env.NODE_ENV === 'production') {
      console.error(error.message)
      process.exit(1)
    }
    throw error
  }
}
