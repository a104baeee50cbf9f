// Runs once as the server starts. The check lives in a Node-only module (Next's convention), so
// the Edge bundle of this file never sees process.exit.
export async function register() {
  // biome-ignore lint/style/noProcessEnv: Next replaces NEXT_RUNTIME per bundle at build time.
  if (process.env.NEXT_RUNTIME === 'nodejs') await import('./instrumentation-node')
}
