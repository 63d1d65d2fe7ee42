import { test } from 'node:test'
import assert from 'node:assert/strict'
import {
  AnchorCallAbortedError,
  AnchorCallTimeoutError,
  outcomeOf,
  publishAnchorCall,
  sendAnchorCall,
  type AnchorCallLogEvent,
  type AnchorCallProgress,
} from '../../../../contracts/anchor/rpc/anchorCall.ts'
import { keyPairFromMnemonic } from '../../../../nom/keys.ts'
import { fromHex, u64be } from '../../../../nom/hash.ts'
import { DEV_MNEMONIC } from '../../../helpers/node.ts'
import { RECEIVE_MOMENTUM, SEND_MOMENTUM, scriptedNoM } from './scriptedNoM.ts'

const KEY = keyPairFromMnemonic(DEV_MNEMONIC, 9)
const DATA = Uint8Array.of(9, 9)

test('success: progress sent then confirmed (once), both momentums, no failure read', async () => {
  const nom = scriptedNoM({ polls: ['pending', 'confirmed', 'confirmed', 'succeeded'] })
  const events: AnchorCallProgress[] = []
  const receive = await sendAnchorCall(nom.client, KEY, DATA, { pollMs: 1, onProgress: (e) => events.push(e) })
  const sendHash = nom.published[0]!.hash
  assert.deepEqual(events, [
    { step: 'sent', sendHash },
    { step: 'confirmed', sendHash, momentumHeight: SEND_MOMENTUM },
  ])
  assert.deepEqual(receive, { sendHash, sendMomentum: SEND_MOMENTUM, receiveMomentum: RECEIVE_MOMENTUM, ok: true, receiveData: u64be(1n), failure: undefined })
  assert.deepEqual(outcomeOf(receive), { ok: true, sendHash })
  assert.equal(nom.calls.includes('embedded.anchor.getCallFailure'), false)
})

test('failure: the recorded text through getCallFailure; without a record, the receive data named', async () => {
  const recorded = scriptedNoM({ polls: ['failed'], failure: 'chain not found' })
  const receive = await sendAnchorCall(recorded.client, KEY, DATA, { pollMs: 1 })
  const sendHash = recorded.published[0]!.hash
  assert.deepEqual(receive.failure, { sendHash, momentumHeight: RECEIVE_MOMENTUM, method: 'PostBond', error: 'chain not found' })
  assert.deepEqual(outcomeOf(receive), { ok: false, sendHash, error: 'chain not found' })

  const unrecorded = scriptedNoM({ polls: ['failed'] })
  const bare = await sendAnchorCall(unrecorded.client, KEY, DATA, { pollMs: 1 })
  assert.equal(bare.failure, undefined)
  assert.deepEqual(outcomeOf(bare), { ok: false, sendHash: unrecorded.published[0]!.hash, error: 'anchor receive data 0000000000000002 (no recorded reason)' })
})

test('a wait that runs out before the send is confirmed: AnchorCallTimeoutError, no confirmed progress', async () => {
  const nom = scriptedNoM({ polls: ['pending'] })
  const events: string[] = []
  await assert.rejects(sendAnchorCall(nom.client, KEY, DATA, { pollMs: 5, timeoutMs: 30, onProgress: (e) => events.push(e.step) }), (e: unknown) => {
    return e instanceof AnchorCallTimeoutError && e.message === `anchor call ${nom.sendHash()}: no confirmed receive within 30 ms`
  })
  assert.deepEqual(events, ['sent'])
})

test('plasma short and no plasma wait: PoW at once, told through progress, nothing logged', async () => {
  const nom = scriptedNoM({ difficulties: [25n, 25n] })
  const events: AnchorCallProgress[] = []
  const logs: AnchorCallLogEvent[] = []
  const block = await publishAnchorCall(nom.client, KEY, DATA, { onProgress: (e) => events.push(e), log: (e) => logs.push(e) })
  assert.equal(block.difficulty, 25n)
  assert.deepEqual(events, [
    { step: 'pow', basePlasma: 21_000n, availablePlasma: 0n, requiredDifficulty: 25n },
    { step: 'sent', sendHash: block.hash },
  ])
  assert.deepEqual(logs, [])
})

test('plasma wait: a warning at half of maxPlasmaWaitMs, the error alert at all of it, then PoW', async () => {
  const nom = scriptedNoM({ difficulties: [25n] })
  const logs: AnchorCallLogEvent[] = []
  const events: string[] = []
  const block = await publishAnchorCall(nom.client, KEY, DATA, { maxPlasmaWaitMs: 150, pollMs: 5, log: (e) => logs.push(e), onProgress: (e) => events.push(e.step) })
  assert.equal(block.difficulty, 25n)
  assert.deepEqual(
    logs.map((e) => [e.level, e.module, e.msg]),
    [
      ['warn', 'anchorCall', 'waiting for plasma'],
      ['error', 'anchorCall', 'no plasma for too long: publishing with PoW; fuse more QSR for this account'],
    ],
  )
  assert.ok((logs[1]!.waitedMs as number) >= 150)
  assert.deepEqual(events, ['pow', 'sent'])
})

test('the plasma wait ends when the signal aborts (default sleep); nothing is published', async () => {
  const nom = scriptedNoM({ difficulties: [25n] })
  const controller = new AbortController()
  setTimeout(() => controller.abort(), 20)
  await assert.rejects(
    publishAnchorCall(nom.client, KEY, DATA, { maxPlasmaWaitMs: 60_000, pollMs: 5, signal: controller.signal }),
    (e: unknown) => e instanceof AnchorCallAbortedError && e.message === 'waiting for plasma was aborted',
  )
  assert.deepEqual(nom.published, [])
})

test('a publish whose answer was lost but which the node has goes on to the outcome', async () => {
  const nom = scriptedNoM({ publish: async () => Promise.reject(new Error('socket hang up')), storedAfterFailedPublish: true, polls: ['succeeded'] })
  const receive = await sendAnchorCall(nom.client, KEY, DATA, { pollMs: 1 })
  assert.equal(receive.ok, true)
  assert.deepEqual(receive.sendHash, fromHex(nom.sendHash()))
  assert.equal(nom.published.length, 1)
})
