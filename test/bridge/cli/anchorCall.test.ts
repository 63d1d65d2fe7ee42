import { test } from 'node:test'
import assert from 'node:assert/strict'
import { callAnchorForUser, type AnchorCallOptions } from '../../../bridge/cli/anchorCall.ts'
import { AnchorCallError, BridgeNetworkError } from '../../../bridge/cli/errors.ts'
import type { Output } from '../../../bridge/cli/output.ts'
import { formatAddress } from '../../../nom/address.ts'
import { RPCError, TransportError } from '../../../nom/errors.ts'
import { keyPairFromMnemonic } from '../../../nom/keys.ts'
import { DEV_MNEMONIC } from '../../helpers/node.ts'
import { RECEIVE_MOMENTUM, SEND_MOMENTUM, scriptedNoM, type Script } from '../../contracts/anchor/rpc/scriptedNoM.ts'

const KEY = keyPairFromMnemonic(DEV_MNEMONIC, 2)
const OPTIONS: AnchorCallOptions = { timeoutMs: 40, pollMs: 2, advice: { chainId: 7n } }

function run(script: Script, amount?: bigint) {
  const nom = scriptedNoM(script)
  const progress: string[] = []
  const out: Output = { result: () => assert.fail('callAnchorForUser prints no results'), progress: (line) => progress.push(line) }
  const call = callAnchorForUser(nom.client, KEY, { method: 'Deposit', data: Uint8Array.of(1), ...(amount === undefined ? {} : { amount }) }, out, OPTIONS)
  return { nom, progress, call }
}

test('success: the progress lines (PoW note, sent, confirmed) and both momentums', async () => {
  const r = run({ difficulties: [25n, 25n], polls: ['pending', 'confirmed', 'succeeded'] })
  const result = await r.call
  const hash = r.nom.sendHash()
  assert.deepEqual(result, { sendHash: r.nom.published[0]!.hash, sendMomentum: SEND_MOMENTUM, receiveMomentum: RECEIVE_MOMENTUM })
  assert.deepEqual(r.progress, [
    'not enough plasma for Deposit (0 of 21000): computing PoW, this can take a while (fuse QSR for plasma to skip it)',
    `Deposit sent in account block ${hash}; waiting for a momentum`,
    `confirmed in momentum ${SEND_MOMENTUM}; waiting for the anchor to receive it`,
  ])
})

test('refused at the receive: the anchor text with advice and the refund note; an unrecorded reason says so', async () => {
  const recorded = run({ polls: ['failed'], failure: 'chain not found' }, 5n)
  await assert.rejects(recorded.call, (e: unknown) => {
    assert.ok(e instanceof AnchorCallError)
    assert.equal(e.reason, 'chain not found')
    assert.equal(
      e.message,
      "the anchor refused Deposit: chain not found\nNo chain 7 on this anchor: check --chain-id (default: the L2's eth_chainId) and --nom-rpc.\nThe amount sent with it is refunded to your NoM account (a wallet receives it).",
    )
    return true
  })
  const unrecorded = run({ polls: ['failed'] })
  await assert.rejects(unrecorded.call, (e: unknown) => {
    assert.ok(e instanceof AnchorCallError)
    assert.equal(e.message, 'the anchor refused Deposit: the anchor refused the call (its reason is not recorded on this node)')
    return true
  })
})

test('refused at publish: the node text as the anchor refusal; a node that stops answering may have the send', async () => {
  const refused = run({ publish: async () => Promise.reject(new RPCError(-32000, 'invalid token or amount')) })
  await assert.rejects(refused.call, (e: unknown) => {
    assert.ok(e instanceof AnchorCallError)
    assert.equal(e.message, 'the anchor refused Deposit: invalid token or amount\nCheck --token and --amount.')
    return true
  })
  const silent = run({ publish: async () => Promise.reject(new TransportError('connect ECONNREFUSED')) })
  await assert.rejects(silent.call, (e: unknown) => {
    assert.ok(e instanceof BridgeNetworkError)
    assert.equal(
      e.message,
      `the NoM node stopped answering while Deposit was being published (connect ECONNREFUSED): it may have arrived, so look at ${formatAddress(KEY.address)}'s latest account blocks before sending it again`,
    )
    return true
  })
})

test('a wait that runs out: unconfirmed send and unreceived send say different things', async () => {
  const unconfirmed = run({ polls: ['pending'] })
  await assert.rejects(unconfirmed.call, (e: unknown) => {
    assert.ok(e instanceof BridgeNetworkError)
    assert.equal(e.message, `Deposit send ${unconfirmed.nom.sendHash()} was not confirmed within 0.04 s: check the NoM node; the send may still confirm`)
    return true
  })
  const unreceived = run({ polls: ['confirmed'] })
  await assert.rejects(unreceived.call, (e: unknown) => {
    assert.ok(e instanceof BridgeNetworkError)
    assert.equal(e.message, `the anchor has not received Deposit send ${unreceived.nom.sendHash()} within 0.04 s: check the NoM node`)
    return true
  })
})
