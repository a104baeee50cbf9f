// One line on stderr per step, so a long part shows it is alive while stdout keeps the tables.
export type Progress = (message: string) => void

export const printProgress: Progress = (message) => {
  process.stderr.write(`  … ${message}\n`)
}

export const silentProgress: Progress = () => undefined
