/**
 * This process's env plus `extra`, for a child process. Dev tooling passes the environment on to
 * the servers it starts; it reads no setting from it here (each package's env module does that).
 */
export function childEnv(
  extra: Record<string, string | undefined> = {},
  drop: readonly string[] = [],
): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env }
  for (const name of drop) delete env[name]
  return { ...env, ...extra }
}
