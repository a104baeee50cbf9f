// What the framework bindings' browser entries import from here (the session hook, the client)
// must not pull in Clerk's server SDKs or anything that reads a service-role key.
import path from 'node:path'
import { defineBrowserEntrySuite } from '../src/testing.ts'

defineBrowserEntrySuite(path.join(import.meta.dirname, '../src/use-session-client.ts'), 3)
