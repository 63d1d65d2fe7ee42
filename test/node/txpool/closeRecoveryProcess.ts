/**
 * Closes sender recoveries while their worker is in the middle of chunks (inside the native
 * binding), for the close test: every request must still get the key inline recovery gives.
 * Args: rounds. Prints `closed <n>` at the end.
 */
import { bytesToHex } from '@ethereumjs/util'
import { createSenderRecovery } from '../../../node/txpool/senderRecovery.ts'
import { requestsOf } from './recoveryFixture.ts'

const rounds = Number(process.argv[2] ?? 10)
const cases = requestsOf(200)
let closed = 0
for (let round = 0; round < rounds; round++) {
  const recovery = createSenderRecovery({ minBulk: 1, chunk: 5 })
  const keys = Promise.all(cases.map((c) => recovery.recover(c.request)))
  await new Promise((resolve) => setTimeout(resolve, round % 4))
  await recovery.close()
  const got = (await keys).map((key) => (key === undefined ? 'none' : bytesToHex(key)))
  if (got.join() !== cases.map((c) => c.expected).join()) throw new Error(`round ${round}: keys differ from inline recovery`)
  closed++
}
process.stdout.write(`closed ${closed}\n`)
