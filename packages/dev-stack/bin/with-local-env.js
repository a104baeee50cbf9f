#!/usr/bin/env node
// Loads the TypeScript CLI through this package's own tsx, wherever the command runs from.
import { register } from 'tsx/esm/api'

register()
await import('../src/with-local-env.ts')
