// The parts other suites run: the e2e suite drives the framework parts against its running apps
// and starts `pnpm dev` through the dev part, so every CI run exercises them.
export { type BenchUser, createBenchUser } from './bench-user.ts'
export { type ClientResult, measureClient } from './parts/client.ts'
export { measureSsr, type SsrResult } from './parts/ssr.ts'
export { type RunningDev, startDevUntilBanner } from './parts/stack.ts'
export { silentProgress } from './progress.ts'
