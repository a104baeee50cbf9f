// The browser entry must not pull in Clerk's server SDKs (secret key handling, Node APIs) or
// anything that reads a service-role key.
import path from 'node:path'
import { defineBrowserEntrySuite } from '@repo/supabase-clerk/testing'

defineBrowserEntrySuite(path.join(import.meta.dirname, '../src/client.ts'))
