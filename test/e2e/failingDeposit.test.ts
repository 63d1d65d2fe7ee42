/**
 * Issue 5, e2e: a deposit whose L2 call fails is still minted (OP semantics: mint is never rolled
 * back), its receipt says failed, and nothing is lost: the minted ZNN stays with the depositor's
 * L2 address (the NoM sender's 20 bytes) and the next deposit goes through as usual.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import type { Hex } from 'viem'
import { L2_TO_NOM_MESSAGE_PASSER_ADDRESS } from '../../contracts/l2/addresses.ts'
import { ZNN_ZTS } from '../../nom/constants.ts'
import { toHex } from '../../nom/hash.ts'
import { startTestStack } from '../helpers/stack.ts'

test('ZNN deposit to a reverting L2 recipient: minted to the depositor, failed receipt, nothing lost', async () => {
  const t = await startTestStack()
  try {
    const user = t.roles.user
    const depositor = `0x${toHex(user.address)}` as Hex
    const balance = async (a: string) => BigInt(await t.rpc<string>('eth_getBalance', [a, 'latest']))
    assert.equal(await balance(depositor), 0n)
    const passerBefore = await balance(L2_TO_NOM_MESSAGE_PASSER_ADDRESS)

    // The message passer has no receive(): a plain value call to it reverts.
    const amount = 700_000_000n
    const failing = await t.depositOnNoM(user, ZNN_ZTS, amount, L2_TO_NOM_MESSAGE_PASSER_ADDRESS)
    const receipt = await t.waitForL2Receipt(failing.l2TxHash)
    assert.equal(receipt.status, '0x0')
    assert.equal(receipt.type, '0x7e')
    assert.equal(receipt.from, depositor)
    assert.equal(receipt.to, L2_TO_NOM_MESSAGE_PASSER_ADDRESS)
    const tx = await t.rpc<Record<string, string>>('eth_getTransactionByHash', [failing.l2TxHash])
    assert.equal(BigInt(tx.mint!), amount * 10n ** 10n)
    assert.equal(await balance(depositor), amount * 10n ** 10n)
    assert.equal(await balance(L2_TO_NOM_MESSAGE_PASSER_ADDRESS), passerBefore)

    // The chain goes on: the next deposit (index 2) is included and succeeds.
    const recipient: Hex = '0x00000000000000000000000000000000000000b2'
    const next = await t.depositOnNoM(user, ZNN_ZTS, 1n, recipient)
    assert.equal(next.record.index, 2n)
    assert.equal((await t.waitForL2Receipt(next.l2TxHash)).status, '0x1')
    assert.equal(await balance(recipient), 10n ** 10n)
    assert.equal(await balance(depositor), amount * 10n ** 10n)
    // Nothing lost on NoM either: the anchor escrows both amounts.
    const chain = await t.anchor('getChain', ['73404'])
    assert.equal(BigInt((chain.assets as { deposited: string }[])[0]!.deposited), amount + 1n)
  } finally {
    await t.stop()
  }
})
