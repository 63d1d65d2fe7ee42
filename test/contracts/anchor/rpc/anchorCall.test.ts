import { test } from 'node:test'
import assert from 'node:assert/strict'
import { AnchorCallAbortedError, AnchorCallTimeoutError, anchorOutcome, callAnchor } from '../../../../contracts/anchor/rpc/anchorCall.ts'
import { setupDevChain } from '../../../../bridge/stack/setupDevChain.ts'
import { createBridgeConfig } from '../../../../bridge/config.ts'
import { PostBondABI, ProposeCommitmentABI } from '../../../../contracts/anchor/abi.ts'
import { formatAddress } from '../../../../nom/address.ts'
import { publishSend } from '../../../../nom/send.ts'
import { ANCHOR_ADDRESS } from '../../../../contracts/anchor/address.ts'
import { ZNN_ZTS } from '../../../../nom/constants.ts'
import { startAnchorChain } from '../../../helpers/anchorChain.ts'

test('anchor calls: success, the anchor failure text, abort and timeout; setupDevChain twice changes nothing', async () => {
  const a = await startAnchorChain()
  try {
    const { client, chainId, roles } = a
    const bondBefore = BigInt((await a.anchor('getBond', [chainId.toString(), formatAddress(roles.proposer.address)])).amount)
    const ok = await callAnchor(client, roles.user, PostBondABI.encode({ chainId }), { amount: 5n, pollMs: 30 })
    assert.deepEqual(ok, { ok: true, sendHash: ok.sendHash })

    const zero = new Uint8Array(32)
    const failed = await callAnchor(
      client,
      roles.user,
      ProposeCommitmentABI.encode({ chainId, index: 1n, l2BlockNumber: 1n, outputRoot: zero, originMomentumHeight: 1n, originMomentumHash: zero, lastDepositIndex: 0n, framesHash: zero }),
      { pollMs: 30 },
    )
    assert.deepEqual(failed, { ok: false, sendHash: failed.sendHash, error: 'sender is not the proposer' })

    const aborted = new AbortController()
    aborted.abort()
    await assert.rejects(anchorOutcome(client, ok.sendHash, { signal: aborted.signal }), (e: unknown) => e instanceof AnchorCallAbortedError && e.message === 'waiting for the anchor receive was aborted')
    const send = await publishSend(client, roles.user, { toAddress: ANCHOR_ADDRESS, tokenStandard: ZNN_ZTS, amount: 1n, data: PostBondABI.encode({ chainId }) })
    const later = new AbortController()
    const waiting = anchorOutcome(client, send.hash, { pollMs: 10_000, signal: later.signal })
    setTimeout(() => later.abort(), 20)
    await assert.rejects(waiting, (e: unknown) => e instanceof AnchorCallAbortedError)
    const unknown = new Uint8Array(32).fill(7)
    await assert.rejects(
      anchorOutcome(client, unknown, { pollMs: 20, timeoutMs: 100 }),
      (e: unknown) => e instanceof AnchorCallTimeoutError && e.message === `anchor call ${'07'.repeat(32)}: no confirmed receive within 100 ms`,
    )

    // The stack runs the setup on every start: on an existing chain it publishes nothing.
    const frontier = await client.getFrontierAccountBlock(roles.admin.address)
    const again = await setupDevChain({
      client,
      chainId,
      administrator: roles.admin,
      proposer: roles.proposer,
      guardians: roles.guardians,
      batchers: roles.batchers,
      params: createBridgeConfig().chain,
      log: () => {},
    })
    assert.equal(again.created, false)
    assert.equal(again.chain.challengeWindow, a.chain.challengeWindow)
    assert.deepEqual((await client.getFrontierAccountBlock(roles.admin.address))?.hash, frontier?.hash)
    assert.equal(BigInt((await a.anchor('getBond', [chainId.toString(), formatAddress(roles.proposer.address)])).amount), bondBefore)
  } finally {
    await a.stop()
  }
})

test('an abandoned wait whose client closes does not reach the process as an unhandled rejection', async () => {
  const a = await startAnchorChain()
  const unhandled: unknown[] = []
  const onUnhandled = (reason: unknown) => unhandled.push(reason)
  process.on('unhandledRejection', onUnhandled)
  try {
    const { createNoMClient } = await import('../../../../nom/rpc/client.ts')
    const client = createNoMClient({ url: a.devnet.httpUrl })
    const abandoned = anchorOutcome(client, new Uint8Array(32).fill(9), { pollMs: 10 })
    await client.close()
    // An awaiting caller still sees the failure.
    await assert.rejects(abandoned, (e: unknown) => e instanceof Error && e.message === 'transport is closed')
    const walkedAway = anchorOutcome(client, new Uint8Array(32).fill(8), { pollMs: 10 })
    void walkedAway
    await new Promise((r) => setTimeout(r, 100))
    assert.deepEqual(unhandled, [])
  } finally {
    process.off('unhandledRejection', onUnhandled)
    await a.stop()
  }
})
