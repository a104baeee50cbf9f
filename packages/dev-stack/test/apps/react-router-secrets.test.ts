// After `react-router build`: no secret in build/client, what browsers download.
import path from 'node:path'
import { defineClientBundleSecretsSuite } from '../../src/secrets-suite.ts'
import { appDir } from '../../src/testing.ts'

defineClientBundleSecretsSuite(
  path.join(appDir('react-router'), 'build/client'),
  /assets\/ssr-.*\.js$/,
)
