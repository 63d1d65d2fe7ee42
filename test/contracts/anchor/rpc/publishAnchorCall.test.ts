import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { AccountBlock } from '../../../../nom/types.ts'
import { keyPairFromMnemonic } from '../../../../nom/keys.ts'
import { bytesEqual } from '../../../../nom/hash.ts'
import { ANCHOR_ADDRESS } from '../../../../contracts/anchor/address.ts'
import type { LogEvent } from '../../../../node/log.ts'
import { publishAnchorCall } from '../../../../contracts/anchor/rpc/anchorCall.ts'
import { DEV_MNEMONIC } from '../../../helpers/node.ts'
import { scriptedNoM } from './scriptedNoM.ts'

const KEY = keyPairFromMnemonic(DEV_MNEMONIC, 9)

/** A NoM client answering what prepareBlock and publishAnchorCall ask; difficulties in order. */
function fakeClient(difficulties: bigint[], publish: (block: AccountBlock) => Promise<void>, stored: () => boolean = () => false) {
  return scriptedNoM({ difficulties, publish, storedAfterFailedPublish: stored() })
}

const options = (logs: LogEvent[], sleeps: number[], maxPlasmaWaitMs = 60_000) => ({
  pollMs: 7,
  maxPlasmaWaitMs,
  sleep: async (ms: number) => {
    sleeps.push(ms)
  },
  signal: new AbortController().signal,
  log: (e: LogEvent) => logs.push(e),
})

test('waits for plasma instead of doing PoW, then publishes a send to the anchor without PoW', async () => {
  const logs: LogEvent[] = []
  const sleeps: number[] = []
  const fake = fakeClient([45_000_000n, 45_000_000n, 0n], async () => {})
  const block = await publishAnchorCall(fake.client, KEY, Uint8Array.of(1, 2, 3), options(logs, sleeps))
  assert.deepEqual(sleeps, [7, 7])
  assert.equal(block.difficulty, 0n)
  assert.ok(bytesEqual(block.toAddress, ANCHOR_ADDRESS))
  assert.deepEqual(block.data, Uint8Array.of(1, 2, 3))
  assert.equal(fake.published.length, 1)
  assert.deepEqual(logs, [])
})

test('no plasma for maxPlasmaWaitMs: an error-level alert, then the block is published with PoW', async () => {
  const logs: LogEvent[] = []
  const fake = fakeClient([30n], async () => {})
  const block = await publishAnchorCall(fake.client, KEY, Uint8Array.of(1), options(logs, [], 0))
  assert.equal(block.difficulty, 30n)
  assert.equal(logs.length, 1)
  assert.equal(logs[0]!.level, 'error')
  assert.equal(logs[0]!.msg, 'no plasma for too long: publishing with PoW; fuse more QSR for this account')
})

test('a publish whose answer is lost counts as published when the node has the block; otherwise the error stands', async () => {
  const lost = fakeClient([0n], async () => Promise.reject(new Error('socket hang up')), () => true)
  const block = await publishAnchorCall(lost.client, KEY, Uint8Array.of(1), options([], []))
  assert.equal(lost.published[0]!.hash, block.hash)
  const refused = fakeClient([0n], async () => Promise.reject(new Error('socket hang up')), () => false)
  await assert.rejects(publishAnchorCall(refused.client, KEY, Uint8Array.of(1), options([], [])), new Error('socket hang up'))
})

test('a stopped caller publishes nothing', async () => {
  const fake = fakeClient([0n], async () => {})
  const controller = new AbortController()
  controller.abort()
  await assert.rejects(publishAnchorCall(fake.client, KEY, Uint8Array.of(1), { ...options([], []), signal: controller.signal }), { name: 'AbortError' })
  assert.equal(fake.published.length, 0)
})
