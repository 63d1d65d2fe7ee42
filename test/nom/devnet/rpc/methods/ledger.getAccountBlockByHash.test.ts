import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { sha3, toHex } from '../../../../../nom/hash.ts'
import { accountBlockWithExtrasFromJSON } from '../../../../../nom/json.ts'
import { startFixture } from './fixture.ts'
import type { Fixture } from './fixture.ts'

let f: Fixture
before(async () => {
  f = await startFixture()
})
after(async () => {
  await f.net.dispose()
})

test('a confirmed send: confirmation detail and the receive as paired block', async () => {
  const b = accountBlockWithExtrasFromJSON(await f.net.call('ledger.getAccountBlockByHash', [toHex(f.s1.hash)]))
  assert.deepEqual(b.confirmationDetail, { numConfirmations: 2n, momentumHeight: 2n, momentumHash: f.m2.hash, momentumTimestamp: f.m2.timestamp })
  assert.equal(toHex(b.pairedAccountBlock!.hash), toHex(f.r1.hash))
  assert.equal(b.pairedAccountBlock!.confirmationDetail!.momentumHeight, 3n)
  const r = accountBlockWithExtrasFromJSON(await f.net.call('ledger.getAccountBlockByHash', [toHex(f.r1.hash)]))
  assert.equal(toHex(r.pairedAccountBlock!.hash), toHex(f.s1.hash))
  assert.equal(r.token, null)
})

test('unconfirmed and unknown hashes give null; a bad hash is an invalid argument', async () => {
  assert.equal(await f.net.call('ledger.getAccountBlockByHash', [toHex(f.s3.hash)]), null)
  assert.equal(await f.net.call('ledger.getAccountBlockByHash', [toHex(sha3())]), null)
  const r = await f.net.raw('ledger.getAccountBlockByHash', ['xyz'])
  assert.deepEqual(r.error, { code: -32602, message: 'invalid argument 0: expected a 64-character hex hash' })
})
