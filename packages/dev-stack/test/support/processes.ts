// The processes a test started, read from /proc (Linux): what `pnpm dev` left running is found
// by its process tree, since turbo puts each task in a process group of its own.
import { readdirSync, readFileSync } from 'node:fs'

export interface Process {
  pid: number
  ppid: number
  group: number
  /** Clock ticks after boot: with the PID, names this process and not a later one. */
  startTime: string
  state: string
  command: string
}

/** Every process now running, from /proc. */
function processes(): Process[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .flatMap((entry) => {
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
        // The command name is in parentheses and may hold spaces: the fields follow the last ")".
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
        const command = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replaceAll('\0', ' ').trim()
        return [
          {
            pid: Number(entry),
            state: fields[0] ?? '',
            ppid: Number(fields[1]),
            group: Number(fields[2]),
            startTime: fields[19] ?? '',
            command,
          },
        ]
      } catch {
        return [] // exited while being read
      }
    })
}

/** `root` and everything below it, or in its process group (a child whose parent exited). */
export function startedBy(root: number): Process[] {
  const all = processes()
  const found = new Map<number, Process>()
  const visit = (pid: number) => {
    for (const process of all) {
      if ((process.pid === pid || process.ppid === pid) && !found.has(process.pid)) {
        found.set(process.pid, process)
        visit(process.pid)
      }
    }
  }
  visit(root)
  for (const process of all) if (process.group === root) found.set(process.pid, process)
  return [...found.values()]
}

/** Those of `started` still running (a zombie has exited: only its parent has yet to reap it). */
export function stillRunning(started: Process[]): Process[] {
  const now = new Map(processes().map((process) => [process.pid, process]))
  return started.filter(({ pid, startTime }) => {
    const current = now.get(pid)
    return current !== undefined && current.startTime === startTime && current.state !== 'Z'
  })
}
