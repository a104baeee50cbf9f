import { existsSync } from 'node:fs'
import { type Browser, chromium } from 'playwright-core'
import { CHROMIUM_ARGS, systemChromium } from '../../src/testing.ts'

/** Debian's Chromium or CHROMIUM_PATH, else a browser Playwright downloaded; never a skip. */
function chromiumPath(): string {
  const path = systemChromium() ?? chromium.executablePath()
  if (!path || !existsSync(path)) {
    throw new Error(
      'No Chromium found. Install one (Debian: apt-get install chromium; elsewhere: npx playwright install chromium) or set CHROMIUM_PATH.',
    )
  }
  return path
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), headless: true, args: CHROMIUM_ARGS })
}
