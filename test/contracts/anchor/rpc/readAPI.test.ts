import { test } from 'node:test'
import assert from 'node:assert/strict'
import { Harness } from '../harness.ts'
import { AnchorRPCParamsError } from '../../../../contracts/anchor/rpc/params.ts'

const h = new Harness(new Uint8Array(20))

test('read API: unknown records are null; bad params fail with named argument errors', async () => {
  assert.equal(await h.rpc('getChain', [5]), null)
  assert.equal(await h.rpc('getCommitment', [5, 1]), null)
  assert.equal(await h.rpc('getDeposit', [5, 1]), null)
  assert.equal(await h.rpc('getWithdrawal', [5, '00'.repeat(32)]), null)
  assert.equal(await h.rpc('getCallFailure', ['11'.repeat(32)]), null)
  assert.deepEqual(await h.rpc('getCommitments', [5, 0, 10]), { count: 0, list: [], more: false })
  const err = (message: string) => (e: unknown) => e instanceof AnchorRPCParamsError && e.message === message
  await assert.rejects(h.rpc('getChain', []), err('missing value for required argument 0 (chainId)'))
  await assert.rejects(h.rpc('getChain', [-1]), err('invalid argument 0 (chainId): expected an unsigned integer'))
  await assert.rejects(h.rpc('getDeposits', [5, 0, 0]), err('pageSize must be between 1 and 1024'))
  await assert.rejects(h.rpc('getDeposits', [5, 0, 1025]), err('pageSize must be between 1 and 1024'))
  await assert.rejects(h.rpc('getWithdrawal', [5, 'zz']), err('invalid argument 1 (withdrawalHash): expected a 32-byte hex hash'))
  await assert.rejects(h.rpc('getBond', [5, 'z1nope']), (e: unknown) => e instanceof AnchorRPCParamsError && e.message.startsWith('invalid argument 1 (address): invalid address'))
  assert.deepEqual(await h.rpc('getChain', ['5']), null)
})
