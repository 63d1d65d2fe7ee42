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
import { callAnchor } from '../../contracts/anchor/rpc/anchorCall.ts'
import { QSR_ZTS, ZNN_ZTS } from '../../nom/constants.ts'
import { fromHex, toHex } from '../../nom/hash.ts'
import type { Address, TokenStandard } from '../../nom/types.ts'
import type { KeyPair } from '../../nom/keys.ts'
import { messagesPassed, proveArgsFromEthGetProof, startTestStack, type TestStack } from '../helpers/stack.ts'

const hex = (b: Uint8Array) => `0x${toHex(b)}`

/** One withdrawal from L2 key `l2Key` to the flagger account, proven and finalized by `user`. */
async function withdrawAndFinalize(t: TestStack, token: TokenStandard | undefined, amount: bigint, l2Key: Hex, user: KeyPair): Promise<void> {
  const { flagger: target } = t.roles
  const nomToken = token ?? ZNN_ZTS
  const txHash = await t.withdrawOnL2(l2Key, target.address, amount, token)
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
  const before = await balanceOf(t, target.address, nomToken)
  const paid = await callAnchor(t.stack.nomClient, user, finalize, { pollMs: 30 })
  assert.deepEqual(paid, { ok: true, sendHash: paid.sendHash })
  assert.equal(await balanceOf(t, target.address, nomToken), before + amount)
  const status = await t.rpc<Record<string, any>>('nomx_getWithdrawalStatus', [txHash])
  assert.equal(status.withdrawals[0].status, 'finalized')

  const again = await callAnchor(t.stack.nomClient, user, finalize, { pollMs: 30 })
  assert.deepEqual(again, { ok: false, sendHash: again.sendHash, error: 'withdrawal already finalized' })
  assert.equal(await balanceOf(t, target.address, nomToken), before + amount)
}

/** Balance plus what is sent to `address` and not yet received (the payout is a ContractSend). */
async function balanceOf(t: TestStack, address: Address, token: TokenStandard): Promise<bigint> {
  const info = await t.stack.nomClient.getAccountInfoByAddress(address)
  const held = info.balances.find((b) => toHex(b.tokenStandard) === toHex(token))?.balance ?? 0n
  const pending = await t.stack.nomClient.getUnreceivedBlocksByAddress(address, 0, 50)
  return held + pending.list.filter((b) => toHex(b.tokenStandard) === toHex(token)).reduce((sum, b) => sum + b.amount, 0n)
}

test('ZNN and QSR withdrawals: proven with eth_getProof, refused before the window, paid exactly after it, refused twice', async () => {
  const t = await startTestStack()
  try {
    // Fund the escrow: the anchor never releases more than was deposited to the chain.
    const znnDeposit = await t.depositOnNoM(t.roles.user, ZNN_ZTS, 50n * 100_000_000n, t.stack.accounts.l2[0]!.address as Hex)
    const qsrDeposit = await t.depositOnNoM(t.roles.user, QSR_ZTS, 50n * 100_000_000n, t.stack.accounts.l2[1]!.address as Hex)
    await t.waitForL2Receipt(znnDeposit.l2TxHash)
    await t.waitForL2Receipt(qsrDeposit.l2TxHash)

    // Both at once: different L2 senders, different NoM provers (a NoM account publishes one block at a time).
    await Promise.all([
      withdrawAndFinalize(t, undefined, 712_345_678n, t.l2Keys[0]!, t.roles.user),
      withdrawAndFinalize(t, QSR_ZTS, 300_000_001n, t.l2Keys[1]!, t.roles.guardians[0]!),
    ])
    const chain = await t.anchor('getChain', ['73404'])
    const released = new Map((chain.assets as { tokenStandard: string; released: string }[]).map((a) => [a.tokenStandard, BigInt(a.released)]))
    assert.equal(released.get('zts1znnxxxxxxxxxxxxx9z4ulx'), 712_345_678n)
    assert.equal(released.get('zts1qsrxxxxxxxxxxxxxmrhjll'), 300_000_001n)
  } finally {
    await t.stop()
  }
})
