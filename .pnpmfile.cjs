// Keeping one app is deleting the other apps' folders (README, "Keep only the apps you want").
// The dev tooling (@repo/dev-stack, @repo/e2e, @repo/bench) depends on every app as a workspace
// package, so turbo builds the apps before the suites that start them; pnpm would refuse a
// dependency on a package that is gone. This drops, from any manifest, a dependency on
// @repo/app-<name> whose folder apps/<name> is not there, and changes nothing else.
const { existsSync } = require('node:fs')
const path = require('node:path')

const APP_PACKAGE = /^@repo\/app-(.+)$/

function dropAbsentApps(dependencies, context) {
  for (const name of Object.keys(dependencies ?? {})) {
    const app = APP_PACKAGE.exec(name)?.[1]
    if (app && !existsSync(path.join(__dirname, 'apps', app, 'package.json'))) {
      delete dependencies[name]
      context.log(`${name}: apps/${app} is not in this checkout; dropped`)
    }
  }
}

module.exports = {
  hooks: {
    readPackage(manifest, context) {
      dropAbsentApps(manifest.dependencies, context)
      dropAbsentApps(manifest.devDependencies, context)
      return manifest
    },
  },
}
