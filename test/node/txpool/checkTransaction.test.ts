/**
 * checkTransaction (a replica's check workers) against validateTransaction (admission): the same
 * outcome, sender or exact message, for value transfers (not built into a library tx there) and
 * for everything else.
 */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { bytesToHex } from '@ethereumjs/util'
import { decodeTransaction } from '../../../node/txpool/decodeTransaction.ts'
import { checkTransaction, prepareCommon, validateTransaction } from '../../../node/txpool/validateTransaction.ts'
import { GWEI, pragueCommon, signTx } from './fixtures.ts'
import type { StatelessRules } from '../../../node/txpool/validateTransaction.ts'

const common = pragueCommon()
prepareCommon(common)
const rules: StatelessRules = { common, maxTxBytes: 131072, blockGasLimit: 30_000_000n, baseFeeFloor: GWEI / 10n }

function outcome(check: () => { sender: Uint8Array }): string {
  try {
    return `sender ${bytesToHex(check().sender)}`
  } catch (error) {
    return `${(error as Error).name}: ${(error as Error).message}`
  }
}

test('checkTransaction gives validateTransaction’s sender or message for every kind of tx', () => {
  const cases: [string, Uint8Array][] = [
    ['transfer, type 2', signTx({})],
    ['transfer, type 0', signTx({ type: 0 })],
    ['transfer, type 1', signTx({ type: 1 })],
    ['transfer with spare gas', signTx({ gasLimit: 50_000n })],
    ['transfer under intrinsic gas', signTx({ gasLimit: 20_999n })],
    ['transfer over the block gas limit', signTx({ gasLimit: 30_000_001n })],
    ['transfer with fee cap under the floor', signTx({ fee: GWEI / 10n - 1n, tip: 0n })],
    ['transfer on another chain', signTx({ chainId: 1n })],
    ['call with data', signTx({ gasLimit: 30_000n, data: new Uint8Array([1, 2, 3]) })],
    ['call with data under intrinsic gas', signTx({ gasLimit: 21_047n, data: new Uint8Array([1, 2, 3]) })],
    ['call with data under the floor', signTx({ gasLimit: 21_100n, data: new Uint8Array(40).fill(1) })],
    ['creation', signTx({ to: null, gasLimit: 60_000n, data: new Uint8Array([0]) })],
  ]
  const seen = new Set<string>()
  for (const [name, raw] of cases) {
    const expected = outcome(() => validateTransaction(decodeTransaction(raw), rules))
    assert.equal(outcome(() => checkTransaction(decodeTransaction(raw), rules)), expected, name)
    seen.add(expected.split(':')[0]!)
  }
  // Both outcomes are exercised: accepted senders and rejections.
  assert.ok(seen.has('TransactionRejectedError') && [...seen].some((s) => s.startsWith('sender ')), [...seen].join(', '))
})
