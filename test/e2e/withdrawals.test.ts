/**
 * Issue 5, e2e: ZNN and QSR withdrawals through the whole dev stack. Each is proven on the anchor
 * with ProveWithdrawal arguments built from the L2's own eth_getProof / eth_getBlockByNumber at the
 * block of the covering commitment (the batcher's proposer made it), which equal
 * nomx_getWithdrawalProof's; finalizing is refused before the challenge window, pays the exact
 * amount after it, and is refused a second time.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import type { Hex } from 'viem'
import { FinalizeWithdrawalABI, ProveWithdrawalABI } from '../../contracts/anchor/abi.ts'
import { callAnchor } from '../../bridge/stack/anchorCall.ts'
import { QSR_ZTS, ZNN_ZTS } from '../../nom/constants.ts'
import { fromHex, toHex } from '../../nom/hash.ts'
import type { TokenStandard } from '../../nom/types.ts'
import { messagesPassed, proveArgsFromEthGetProof, startTestStack, type TestStack } from '../helpers/stack.ts'

const hex = (b: Uint8Array) => `0x${toHex(b)}`

async function withdrawAndFinalize(t: TestStack, token: TokenStandard | undefined, amount: bigint): Promise<void> {
  const { user, flagger: target } = t.roles
  const nomToken = token ?? ZNN_ZTS
  const txHash = await t.withdrawOnL2(t.l2Keys[0]!, target.address, amount, token)
  const receipt = await t.waitForL2Receipt(txHash)
  assert.equal(receipt.status, '0x1')
  const [message] = await messagesPassed(receipt as never)
  assert.ok(message !== undefined)
  assert.equal(message.target, hex(target.address))

  const commitment = await t.waitForCommitment(BigInt(receipt.blockNumber))
  const args = await proveArgsFromEthGetProof(t.stack.urls.l2Http, t.stack.chainId, commitment as never, message)
  // The bridge's own answer is the same proof.
  const served = await t.rpc<Record<string, any>>('nomx_getWithdrawalProof', [txHash])
  assert.equal(BigInt(served.commitmentIndex), args.commitmentIndex)
  assert.equal(served.stateRoot, hex(args.stateRoot))
  assert.equal(served.messagePasserStorageRoot, hex(args.messagePasserStorageRoot))
  assert.equal(served.latestBlockhash, hex(args.latestBlockhash))
  assert.deepEqual(served.storageProof, args.storageProof.map(hex))
  assert.equal(served.withdrawalHash, message.withdrawalHash)

  const proven = await callAnchor(t.stack.nomClient, user, ProveWithdrawalABI.encode(args), { pollMs: 30 })
  assert.deepEqual(proven, { ok: true, sendHash: proven.sendHash })
  const finalize = FinalizeWithdrawalABI.encode({ chainId: t.stack.chainId, withdrawalHash: fromHex(message.withdrawalHash.slice(2)), prover: user.address })
  const early = await callAnchor(t.stack.nomClient, user, finalize, { pollMs: 30 })
  assert.deepEqual(early, { ok: false, sendHash: early.sendHash, error: 'challenge window has not passed' })

  const record = await t.anchor('getWithdrawal', [t.stack.chainId.toString(), message.withdrawalHash.slice(2)])
  assert.equal(record.status, 'proven')
  await t.waitForMomentum(BigInt(record.finalizableAt))
  const before = await t.nomBalance(target, nomToken)
  const paid = await callAnchor(t.stack.nomClient, user, finalize, { pollMs: 30 })
  assert.deepEqual(paid, { ok: true, sendHash: paid.sendHash })
  assert.equal(await t.nomBalance(target, nomToken), before + amount)
  const status = await t.rpc<Record<string, any>>('nomx_getWithdrawalStatus', [txHash])
  assert.equal(status.withdrawals[0].status, 'finalized')

  const again = await callAnchor(t.stack.nomClient, user, finalize, { pollMs: 30 })
  assert.deepEqual(again, { ok: false, sendHash: again.sendHash, error: 'withdrawal already finalized' })
  assert.equal(await t.nomBalance(target, nomToken), before + amount)
}

test('ZNN and QSR withdrawals: proven with eth_getProof, refused before the window, paid exactly after it, refused twice', async () => {
  const t = await startTestStack()
  try {
    const l2Account = t.stack.accounts.l2[0]!.address as Hex
    // Fund the escrow: the anchor never releases more than was deposited to the chain.
    const znnDeposit = await t.depositOnNoM(t.roles.user, ZNN_ZTS, 50n * 100_000_000n, l2Account)
    const qsrDeposit = await t.depositOnNoM(t.roles.user, QSR_ZTS, 50n * 100_000_000n, l2Account)
    await t.waitForL2Receipt(znnDeposit.l2TxHash)
    await t.waitForL2Receipt(qsrDeposit.l2TxHash)

    await withdrawAndFinalize(t, undefined, 712_345_678n)
    await withdrawAndFinalize(t, QSR_ZTS, 300_000_001n)
    const chain = await t.anchor('getChain', ['73404'])
    const released = new Map((chain.assets as { tokenStandard: string; released: string }[]).map((a) => [a.tokenStandard, BigInt(a.released)]))
    assert.equal(released.get('zts1znnxxxxxxxxxxxxx9z4ulx'), 712_345_678n)
    assert.equal(released.get('zts1qsrxxxxxxxxxxxxxmrhjll'), 300_000_001n)
  } finally {
    await t.stop()
  }
})
