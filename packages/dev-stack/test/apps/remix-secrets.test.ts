// After `remix vite:build`: no secret in build/client, what browsers download.
import path from 'node:path'
import { defineClientBundleSecretsSuite } from '../../src/secrets-suite.ts'
import { appDir } from '../../src/testing.ts'

defineClientBundleSecretsSuite(path.join(appDir('remix'), 'build/client'), /assets\/ssr-.*\.js$/)
