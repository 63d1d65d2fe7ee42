import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { decodeEventLog, encodeErrorResult, encodeFunctionData, getAddress, type Hex } from 'viem'
import { getWithdrawals } from 'viem/op-stack'
import { FEE_VAULT_ADDRESS, L2_TO_NOM_MESSAGE_PASSER_ADDRESS } from '../../../contracts/l2/addresses.ts'
import { FeeVault } from '../../../contracts/l2/artifacts.ts'
import { startTestNode, type TestNode } from '../../helpers/node.ts'
import { l2Clients, reverted, rpc, type L2Clients } from './l2Test.ts'

const vault = FEE_VAULT_ADDRESS as Hex
const abi = FeeVault.abi
/** The dev genesis recipient: z1qzenlvgmlf4aqwmxh5zfndgfesqacsm66lu2zr. */
const nomRecipient = '0x00b33fb11bfa6bd03b66bd0499b509cc01dc437a'
const ZNN_UNIT = 10n ** 10n
const withdrawData = encodeFunctionData({ abi, functionName: 'withdraw' })
const word = (x: bigint) => `0x${x.toString(16).padStart(64, '0')}`

describe('FeeVault (predeploy 0x4200…0011, real node)', () => {
  let node: TestNode
  let alice: L2Clients
  let bob: L2Clients

  before(async () => {
    node = await startTestNode()
    alice = l2Clients(node, 0)
    bob = l2Clients(node, 1)
  })
  after(async () => {
    await node.stop()
  })

  const read = <F extends 'recipient' | 'minWithdrawalAmount' | 'totalProcessed'>(functionName: F) =>
    alice.publicClient.readContract({ address: vault, abi, functionName })

  it('genesis storage: recipient = the first NoM devnet account, minimum 1 ZNN, nothing processed', async () => {
    assert.equal((await read('recipient')).toLowerCase(), nomRecipient)
    assert.equal(await read('minWithdrawalAmount'), 10n ** 18n)
    assert.equal(await read('totalProcessed'), 0n)
  })

  it('collects base fees; below the minimum withdraw reverts with BelowMinimum(whole-unit amount, minimum)', async () => {
    const txHash = await alice.wallet.sendTransaction({ to: bob.address, value: 1n })
    const receipt = await alice.publicClient.waitForTransactionReceipt({ hash: txHash })
    const balance = await alice.publicClient.getBalance({ address: vault })
    // The base fee goes to the vault, and so does the tip: the coinbase is always the vault (a chain rule).
    assert.ok(balance > 0n)
    assert.equal(balance, receipt.gasUsed * receipt.effectiveGasPrice)
    const response = await rpc(node.rpcUrl, 'eth_call', [{ from: bob.address, to: vault, data: withdrawData }, 'latest'])
    assert.deepEqual(response.error, reverted(encodeErrorResult({ abi, errorName: 'BelowMinimum', args: [balance - (balance % ZNN_UNIT), 10n ** 18n] })))
  })

  it('anyone may withdraw above the minimum: whole NoM units go to the recipient through the message passer, the rest stays', async () => {
    const fund = await alice.wallet.sendTransaction({ to: vault, value: 2n * 10n ** 18n + 12_345n })
    assert.equal((await alice.publicClient.waitForTransactionReceipt({ hash: fund })).status, 'success')
    const before = await alice.publicClient.getBalance({ address: vault })
    const passerBefore = await alice.publicClient.getBalance({ address: L2_TO_NOM_MESSAGE_PASSER_ADDRESS })
    const value = before - (before % ZNN_UNIT)

    const txHash = await bob.wallet.writeContract({ address: vault, abi, functionName: 'withdraw' })
    const receipt = await bob.publicClient.waitForTransactionReceipt({ hash: txHash })
    assert.equal(receipt.status, 'success')
    const [withdrawal] = getWithdrawals({ logs: receipt.logs })
    assert.ok(withdrawal)
    assert.deepEqual(
      { sender: withdrawal.sender.toLowerCase(), target: withdrawal.target.toLowerCase(), value: withdrawal.value, gasLimit: withdrawal.gasLimit, data: withdrawal.data },
      { sender: vault, target: nomRecipient, value, gasLimit: 0n, data: '0x' },
    )
    const vaultLog = receipt.logs.find((l) => l.address === vault)
    assert.ok(vaultLog)
    assert.deepEqual(decodeEventLog({ abi, ...vaultLog }), { eventName: 'Withdrawal', args: { value, to: getAddress(nomRecipient), from: bob.address } })

    // What stays: the sub-unit rest, plus this transaction's fees, credited after it ran.
    assert.equal(await bob.publicClient.getBalance({ address: vault }), before - value + receipt.gasUsed * receipt.effectiveGasPrice)
    assert.equal(await bob.publicClient.getBalance({ address: L2_TO_NOM_MESSAGE_PASSER_ADDRESS }), passerBefore + value)
    assert.equal(await read('totalProcessed'), value)
  })

  it('RecipientNotSet when the genesis left slot 0 empty; BelowMinimum(0, 0) with less than one NoM unit and no minimum', async () => {
    const noRecipient = await rpc(node.rpcUrl, 'eth_call', [
      { from: bob.address, to: vault, data: withdrawData },
      'latest',
      { [vault]: { stateDiff: { [word(0n)]: word(0n) } } },
    ])
    assert.deepEqual(noRecipient.error, reverted(encodeErrorResult({ abi, errorName: 'RecipientNotSet' })))
    const dust = await rpc(node.rpcUrl, 'eth_call', [
      { from: bob.address, to: vault, data: withdrawData },
      'latest',
      { [vault]: { balance: `0x${(ZNN_UNIT - 1n).toString(16)}`, stateDiff: { [word(1n)]: word(0n) } } },
    ])
    assert.deepEqual(dust.error, reverted(encodeErrorResult({ abi, errorName: 'BelowMinimum', args: [0n, 0n] })))
  })
})
