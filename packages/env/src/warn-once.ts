// On globalThis rather than in this module: Next bundles the env modules into several server
// chunks of one process, and each copy would warn again.
export const WARNED = Symbol.for('@repo/env: lines warned once')

/** One console.warn line per process (per distinct text), not one per module copy or request. */
export function warnOnce(line: string): void {
  const store = globalThis as { [WARNED]?: Set<string> }
  store[WARNED] ??= new Set()
  if (store[WARNED].has(line)) return
  store[WARNED].add(line)
  console.warn(line)
}
