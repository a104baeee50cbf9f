import { type DatabaseOptions, type RunningDatabase, startMigratedDatabase } from './database.ts'
import { type Jwks, loadTrustedJwks, type TrustedJwksSource } from './jwks.ts'
import type { AppliedMigration } from './migrations.ts'
import { assertPortFree, findFreePort } from './ports.ts'
import { type RunningPostgrest, startPostgrest } from './postgrest.ts'
import { randomApiKeys } from './random-secrets.ts'

export interface LocalSupabaseOptions extends Omit<DatabaseOptions, 'port'> {
  /** Where the issuer of user tokens publishes its keys (the Clerk emulator, or Clerk). */
  trustedJwks: TrustedJwksSource
  /** Fixed ports (dev); omitted ports are picked free (tests). */
  ports?: { api?: number; db?: number; postgrest?: number }
  /** Fixed API keys (dev: this checkout's, see local-secrets.ts); omitted, random ones. */
  keys?: { anonKey?: string; serviceRoleKey?: string }
}

export interface LocalSupabase {
  /** What supabase-js takes as `supabaseUrl`. */
  url: string
  anonKey: string
  serviceRoleKey: string
  /** Superuser connection string, for migrations and tooling. */
  dbUrl: string
  /** Migrations applied by this start (empty when the database was already current). */
  appliedMigrations: AppliedMigration[]
  /** True when this start created the database cluster. */
  createdDatabase: boolean
  /** The template a new database was copied from; see RunningDatabase['template']. */
  template: RunningDatabase['template']
  /** PIDs of the servers this stack started (PostgREST's changes after startDataApi()). */
  readonly pids: { postgres: number | undefined; postgrest: number | undefined }
  /** Stops PostgREST only, as when the data API goes down; the gateway then answers 502. */
  stopDataApi(): Promise<void>
  /** Starts PostgREST again after stopDataApi(). */
  startDataApi(): Promise<void>
  stop(): Promise<void>
}

export async function startLocalSupabase(options: LocalSupabaseOptions): Promise<LocalSupabase> {
  const ports = {
    api: options.ports?.api ?? (await findFreePort()),
    postgrest: options.ports?.postgrest ?? (await findFreePort()),
    postgrestAdmin: await findFreePort(),
  }
  await assertPortFree(ports.api, 'the local Supabase API', 'LOCAL_SUPABASE_API_PORT')
  await assertPortFree(ports.postgrest, 'PostgREST', 'LOCAL_SUPABASE_POSTGREST_PORT')

  const generated = randomApiKeys()
  const anonKey = options.keys?.anonKey ?? generated.anonKey
  const serviceRoleKey = options.keys?.serviceRoleKey ?? generated.serviceRoleKey

  // Postgres starts while the issuer's keys load (under `pnpm dev` the emulator may still be
  // starting) and the gateway's key is made. A database that fails says so at once; keys that
  // fail stop the database.
  // What only the gateway needs (jose to make its key, node:http to serve) loads here too, while
  // the main thread would only wait for the copy and Postgres: about 60 ms off every start.
  const gatewayModule = import('./gateway.ts')
  const keys = Promise.all([
    loadTrustedJwks(options.trustedJwks),
    import('./api-keys.ts').then(({ createGatewaySigner }) => createGatewaySigner()),
  ])
  gatewayModule.catch(() => undefined)
  keys.catch(() => undefined)
  const database = await startMigratedDatabase({ ...options, port: options.ports?.db })
  const [trusted, signer] = await keys.catch(async (error: unknown) => {
    await database.stop()
    throw error
  })
  // PostgREST trusts the issuer's keys plus the gateway's own, which signs service_role tokens.
  const jwks: Jwks = { keys: [...trusted.keys, signer.publicJwk] }

  const launchPostgrest = () =>
    startPostgrest({
      dbUrl: database.authenticatorUrl,
      port: ports.postgrest,
      adminPort: ports.postgrestAdmin,
      jwks,
      onLog: options.onLog,
    })

  let postgrest: RunningPostgrest | undefined
  try {
    postgrest = await launchPostgrest()
    const { startGateway } = await gatewayModule
    const gateway = await startGateway({
      port: ports.api,
      postgrestUrl: postgrest.url,
      anonKey,
      serviceRoleKey,
      signer,
    })
    return {
      url: gateway.url,
      anonKey,
      serviceRoleKey,
      dbUrl: database.url,
      appliedMigrations: database.appliedMigrations,
      createdDatabase: database.created,
      template: database.template,
      get pids() {
        return { postgres: database.pid, postgrest: postgrest?.pid }
      },
      async stopDataApi() {
        await postgrest?.stop()
        postgrest = undefined
      },
      async startDataApi() {
        postgrest ??= await launchPostgrest()
      },
      async stop() {
        await gateway.stop()
        await postgrest?.stop()
        postgrest = undefined
        await database.stop()
      },
    }
  } catch (error) {
    await postgrest?.stop()
    await database.stop()
    throw error
  }
}
