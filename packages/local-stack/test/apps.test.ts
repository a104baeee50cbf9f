import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { APP_NAMES, APPS, appDir, presentApps, repoRoot } from '../src/index.ts'

describe('the app registry', () => {
  it('names each app as its folder and package.json do', () => {
    for (const app of presentApps()) {
      const manifest = JSON.parse(readFileSync(path.join(appDir(app), 'package.json'), 'utf8'))
      expect(manifest.name, `apps/${APPS[app].dir}/package.json`).toBe(APPS[app].package)
    }
  })

  it('gives each app a port variable and a port of its own', () => {
    const variables = APP_NAMES.map((app) => APPS[app].portVariable)
    const ports = APP_NAMES.map((app) => APPS[app].defaultPort)
    expect(new Set(variables).size).toBe(APP_NAMES.length)
    expect(new Set(ports).size).toBe(APP_NAMES.length)
  })

  it('finds every app folder of this checkout, and each is in the registry', () => {
    const folders = readdirSync(path.join(repoRoot, 'apps')).filter((dir) =>
      existsSync(path.join(repoRoot, 'apps', dir, 'package.json')),
    )
    expect(
      presentApps()
        .map((app) => APPS[app].dir)
        .sort(),
    ).toEqual(folders.sort())
  })

  it('leaves out an app whose folder was deleted', () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'one-app-'))
    mkdirSync(path.join(root, 'apps', 'react-router'), { recursive: true })
    writeFileSync(path.join(root, 'apps', 'react-router', 'package.json'), '{}')
    // A leftover folder without a manifest (build output, node_modules) is not an app.
    mkdirSync(path.join(root, 'apps', 'next', 'node_modules'), { recursive: true })
    expect(presentApps(root)).toEqual(['react-router'])
    expect(path.relative(repoRoot, appDir('next'))).toBe(path.join('apps', 'next'))
  })
})
