/**
 * Issue 5, e2e: "a deposit with a failing L2 call: minted, failed receipt, nothing lost", including
 * getting the funds back. The NoM user has no L2 key for its L2 address (NoM keys are ed25519), so
 * the mint a failed deposit leaves there is moved by a DepositCall: the anchor orders an L2 call from
 * that address. Here the call is a withdrawal back to the user's own NoM address.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { bytesToHex } from '@ethereumjs/util'
import { decodeEventLog, encodeFunctionData, type Hex } from 'viem'
import { L2ToNoMMessagePasser } from '../../contracts/l2/artifacts.ts'
import { L2_TO_NOM_MESSAGE_PASSER_ADDRESS } from '../../contracts/l2/addresses.ts'
import { DepositCallABI } from '../../contracts/anchor/abi.ts'
import { callAnchor } from '../../contracts/anchor/rpc/anchorCall.ts'
import { depositTransaction } from '../../bridge/deposits/depositTransaction.ts'
import { depositTxHash } from '../../node/deposits/depositTx.ts'
import { ZNN_ZTS } from '../../nom/constants.ts'
import { fromHex, toHex } from '../../nom/hash.ts'
import { depositRecordOf, nomTargetOnL2, startTestStack } from '../helpers/stack.ts'

test('a failed deposit’s mint is moved by a DepositCall from the same NoM account: withdrawn back to NoM', async () => {
  const t = await startTestStack()
  try {
    const user = t.roles.user
    const alias = nomTargetOnL2(user.address)
    const balance = async (a: string) => BigInt(await t.rpc<string>('eth_getBalance', [a, 'latest']))

    // 1. A plain Deposit to a recipient that reverts (the message passer has no receive()).
    const amount = 400_000_000n
    const failing = await t.depositOnNoM(user, ZNN_ZTS, amount, L2_TO_NOM_MESSAGE_PASSER_ADDRESS)
    assert.equal((await t.waitForL2Receipt(failing.l2TxHash)).status, '0x0')
    const stuck = amount * 10n ** 10n
    assert.equal(await balance(alias), stuck)

    // 2. DepositCall without funds: from the alias, initiateWithdrawal(user's NoM address) with the stuck value.
    const data = encodeFunctionData({ abi: L2ToNoMMessagePasser.abi, functionName: 'initiateWithdrawal', args: [alias, 0n, '0x'] })
    const call = { value: stuck, gasLimit: 200_000n, data: fromHex(data.slice(2)) }
    const outcome = await callAnchor(
      t.stack.nomClient,
      user,
      DepositCallABI.encode({ chainId: t.stack.chainId, to: fromHex(L2_TO_NOM_MESSAGE_PASSER_ADDRESS.slice(2)), ...call }),
      { amount: 0n, token: ZNN_ZTS, pollMs: 30 },
    )
    assert.equal(outcome.ok, true)
    const json = await t.anchor<Record<string, any>>('getDeposit', [t.stack.chainId.toString(), '2'])
    assert.equal(json.sendHash, toHex(outcome.sendHash))
    assert.deepEqual([json.value, json.gasLimit, json.data], [stuck.toString(), 200_000, data])
    const record = { ...depositRecordOf(json), call }
    const hash = bytesToHex(depositTxHash(depositTransaction(record))) as Hex
    const receipt = await t.waitForL2Receipt(hash)
    assert.equal(receipt.status, '0x1')
    assert.equal(receipt.from, alias)
    const tx = await t.rpc<Record<string, string>>('eth_getTransactionByHash', [hash])
    assert.deepEqual([BigInt(tx.mint!), BigInt(tx.value!), BigInt(tx.gas!), tx.input], [0n, stuck, 200_000n, data])

    // The alias is empty and the withdrawal names the user's own NoM address for the whole amount.
    assert.equal(await balance(alias), 0n)
    const passed = receipt.logs
      .filter((l: { address: string }) => l.address === L2_TO_NOM_MESSAGE_PASSER_ADDRESS)
      .map((l: { data: Hex; topics: [Hex, ...Hex[]] }) => decodeEventLog({ abi: L2ToNoMMessagePasser.abi, data: l.data, topics: l.topics }))
      .find((e: { eventName: string }) => e.eventName === 'MessagePassed') as { args: { sender: string; target: string; value: bigint } } | undefined
    assert.ok(passed !== undefined)
    assert.equal(passed.args.sender.toLowerCase(), alias)
    assert.equal(passed.args.target.toLowerCase(), alias)
    assert.equal(passed.args.value, stuck)
  } finally {
    await t.stop()
  }
})
