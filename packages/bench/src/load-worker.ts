// Runs one autocannon load in a process of its own, so the load generator does not share an
// event loop with the servers under test (the gateway and the emulator run in the bench's).
// Argument: the autocannon options as JSON. Output: autocannon's result as JSON on stdout.
import autocannon from 'autocannon'

const options = JSON.parse(process.argv[2] ?? '{}') as autocannon.Options
const result = await autocannon(options)
process.stdout.write(JSON.stringify(result))
