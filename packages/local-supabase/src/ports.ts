import net from 'node:net'

export class PortInUseError extends Error {
  override name = 'PortInUseError'
}

/**
 * Fails with a message naming the service and the env var that moves it, instead of letting
 * Postgres or PostgREST die with a bind error in their own logs.
 */
export async function assertPortFree(port: number, service: string, envVar: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const probe = net.createServer()
    probe.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') {
        reject(
          new PortInUseError(
            `Port ${port} for ${service} is already in use. Stop whatever holds it (lsof -i :${port}), or choose another port with ${envVar}=<port>.`,
          ),
        )
      } else reject(error)
    })
    probe.listen({ port, host: '127.0.0.1', exclusive: true }, () => probe.close(() => resolve()))
  })
}

/** A port the OS reports free right now; for throwaway test stacks. */
export async function findFreePort(): Promise<number> {
  return await new Promise((resolve, reject) => {
    const probe = net.createServer()
    probe.once('error', reject)
    probe.listen({ port: 0, host: '127.0.0.1' }, () => {
      const address = probe.address()
      const port = typeof address === 'object' && address ? address.port : 0
      probe.close(() => resolve(port))
    })
  })
}
