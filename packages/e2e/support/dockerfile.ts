// Each app's Dockerfile, run without Docker: its stages' instructions, read from the file and
// carried out in a temporary directory, so the test deploys exactly what the image would. What
// needs Docker itself is left to it: the base stage (which installs pnpm and turbo globally, the
// versions this machine already runs, which the test checks) and the image's user.
import { type ChildProcess, spawn } from 'node:child_process'
import { cp, mkdir } from 'node:fs/promises'
import path from 'node:path'
import { childEnv } from '@repo/env/child-env'

export interface Instruction {
  op: string
  args: string
}

export interface Stage {
  name: string
  from: string
  instructions: Instruction[]
}

/** The stages of a Dockerfile (no line continuations: these files use none). */
export function parseDockerfile(text: string): Stage[] {
  const stages: Stage[] = []
  for (const line of text.split('\n')) {
    const trimmed = line.trim()
    if (trimmed === '' || trimmed.startsWith('#')) continue
    const [, op = '', args = ''] = /^(\S+)\s*(.*)$/.exec(trimmed) ?? []
    if (op === 'FROM') {
      const [from = '', , name = ''] = args.split(/\s+/)
      stages.push({ name, from, instructions: [] })
    } else {
      const stage = stages.at(-1)
      if (!stage) throw new Error(`${op} before the first FROM`)
      stage.instructions.push({ op, args })
    }
  }
  return stages
}

/** The values of an exec-form instruction (CMD ["node", "server.js"]). */
export const execForm = (args: string): string[] => JSON.parse(args) as string[]

/** HEALTHCHECK [options] CMD [...]: the command. */
export const healthcheckCommand = (args: string): string[] =>
  execForm(args.slice(args.indexOf('CMD') + 3).trim())

/** `ENV A=1 B=2` */
export const envPairs = (args: string): Record<string, string> =>
  Object.fromEntries(
    args
      .split(/\s+/)
      .map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]),
  )

export interface Built {
  /** The last stage's working directory, with what it copied in. */
  workdir: string
  /** The last stage's ENV. */
  env: Record<string, string>
  cmd: string[]
  healthcheck: string[]
}

export interface RunOptions {
  dockerfile: Stage[]
  /** The build context: the repository root. */
  context: string
  /** Where each stage's filesystem goes (a directory per stage). */
  root: string
  /** `--build-arg`s. */
  buildArgs: Record<string, string>
  /** Variables no step may see from this process (the app's own env). */
  drop: string[]
  log: (line: string) => void
}

/**
 * Carries out every stage after the first, in order. A stage's `/app` is root/<stage>; the pruner
 * reads the context in place (its `COPY . .`) and writes `turbo prune`'s output into its own
 * directory (`--out-dir`).
 */
export async function runDockerfile(options: RunOptions): Promise<Built> {
  const [base, ...stages] = options.dockerfile
  if (!base) throw new Error('the Dockerfile has no stage')
  const dirs = new Map<string, string>()
  let built: Built | undefined
  for (const stage of stages) {
    const dir = path.join(options.root, stage.name)
    await mkdir(dir, { recursive: true })
    dirs.set(stage.name, dir)
    const env: Record<string, string> = {}
    let workdir = dir
    let cmd: string[] = []
    let healthcheck: string[] = []
    // Where a path of this stage's filesystem is here.
    const local = (at: string, absolute: string) => path.join(at, path.relative('/app', absolute))
    for (const { op, args } of stage.instructions) {
      if (op === 'WORKDIR') {
        workdir = local(dir, args)
        await mkdir(workdir, { recursive: true })
      } else if (op === 'ENV') Object.assign(env, envPairs(args))
      else if (op === 'ARG') {
        const value = options.buildArgs[args]
        if (value !== undefined) env[args] = value
      } else if (op === 'COPY') {
        const parts = args.split(/\s+/).filter((part) => !part.startsWith('--chown'))
        const fromFlag = parts.find((part) => part.startsWith('--from='))
        const [source = '', target = ''] = parts.filter((part) => !part.startsWith('--'))
        if (!fromFlag) {
          // `COPY . .`: the whole context, which the pruner reads where it is.
          if (source !== '.' || target !== '.') throw new Error(`unsupported COPY ${args}`)
          continue
        }
        const from = fromFlag.slice('--from='.length)
        const fromDir = dirs.get(from)
        if (!fromDir) throw new Error(`COPY --from=${from}: no such earlier stage`)
        // The pruner's files are the context's, but for turbo prune's output.
        const sourcePath =
          from === 'pruner' && !source.startsWith('/app/out')
            ? local(options.context, source)
            : local(fromDir, source)
        await cp(sourcePath, path.resolve(workdir, target), {
          recursive: true,
          verbatimSymlinks: true,
        })
      } else if (op === 'RUN') {
        const command = /^turbo prune /.test(args)
          ? `${args} --out-dir ${path.join(dir, 'out')}`
          : args
        await runStep(command, {
          // The pruner works on the context in place.
          cwd: stage.name === 'pruner' ? options.context : workdir,
          // The base stage's global turbo: the context's own, the same version (the test checks).
          env: {
            ...env,
            PATH: `${path.join(options.context, 'node_modules/.bin')}${path.delimiter}${childEnv().PATH ?? ''}`,
          },
          drop: options.drop,
          log: options.log,
        })
      } else if (op === 'CMD') cmd = execForm(args)
      else if (op === 'HEALTHCHECK') healthcheck = healthcheckCommand(args)
      else if (op !== 'USER' && op !== 'EXPOSE') throw new Error(`unsupported instruction ${op}`)
    }
    built = { workdir, env, cmd, healthcheck }
  }
  if (!built) throw new Error('the Dockerfile has only a base stage')
  return built
}

async function runStep(
  command: string,
  options: {
    cwd: string
    env: Record<string, string>
    drop: string[]
    log: (line: string) => void
  },
): Promise<void> {
  options.log(`$ ${command}  (in ${options.cwd})`)
  const child = spawn('sh', ['-c', command], {
    cwd: options.cwd,
    env: childEnv({ TURBO_TELEMETRY_DISABLED: '1', ...options.env }, options.drop),
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const code = await collect(child, options.log)
  if (code !== 0) throw new Error(`\`${command}\` exited with ${code}`)
}

export async function collect(child: ChildProcess, log: (line: string) => void) {
  child.stdout?.on('data', (chunk: Buffer) => log(chunk.toString('utf8')))
  child.stderr?.on('data', (chunk: Buffer) => log(chunk.toString('utf8')))
  return await new Promise<number | null>((resolve) => child.once('exit', resolve))
}
