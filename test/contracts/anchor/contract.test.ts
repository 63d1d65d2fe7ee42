import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { anchorScenarios } from './scenarios.ts'
import { createHarnessDriver } from './driver.ts'
import { Harness, userAddress } from './harness.ts'
import { DepositABI } from '../../../contracts/anchor/abi.ts'
import { chainKey } from '../../../contracts/anchor/storageKeys.ts'
import { toHex } from '../../../nom/hash.ts'

describe('anchor on the in-memory host', () => {
  const driver = createHarnessDriver(10n)
  anchorScenarios(() => driver)
})

test('getCallFailure reports why a call failed: contract texts and unexpected errors', async () => {
  const admin = userAddress(1)
  const h = new Harness(admin)
  h.fund(admin, 10n)
  const data = DepositABI.encode({ chainId: 5n, l2Recipient: new Uint8Array(20) })
  assert.deepEqual(await h.call(admin, data, 1n), { ok: false, stage: 'execute', error: 'chain not found' })
  assert.deepEqual(await h.rpc('getCallFailure', [toHex(h.lastSendHash)]), {
    sendHash: toHex(h.lastSendHash),
    momentumHeight: Number(h.now.height),
    method: 'Deposit',
    error: 'chain not found',
  })
  assert.equal(await h.rpc('getCallFailure', [toHex(new Uint8Array(32))]), null)

  // A corrupt chain record makes decoding throw: the call fails (refunded) and the log says why.
  h.hostStorage().put(chainKey(5n), Uint8Array.of(1, 2, 3))
  const result = await h.call(admin, data, 1n)
  assert.equal(result.ok, false)
  assert.equal(h.balance(admin), 10n)
  const failure = (await h.rpc('getCallFailure', [toHex(h.lastSendHash)])) as { error: string }
  assert.match(failure.error, /^internal error: /)
})
