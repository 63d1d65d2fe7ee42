import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { encodeAbiParameters, encodeErrorResult, encodeFunctionData, getContractAddress, keccak256, toEventSelector, type Hex } from 'viem'
import { getWithdrawalHashStorageSlot, getWithdrawals, initiateWithdrawal } from 'viem/op-stack'
import { L2_TO_NOM_MESSAGE_PASSER_ADDRESS } from '../../../contracts/l2/addresses.ts'
import { L2ToNoMMessagePasser } from '../../../contracts/l2/artifacts.ts'
import { hashWithdrawal, withdrawalStorageSlot } from '../../../contracts/anchor/withdrawalHash.ts'
import { startTestNode, type TestNode } from '../../helpers/node.ts'
import { l2Clients, reverted, rpc, type L2Clients } from './l2Test.ts'

const passer = L2_TO_NOM_MESSAGE_PASSER_ADDRESS
const abi = L2ToNoMMessagePasser.abi
const VERSION_1 = 1n << 240n
/** The 20 raw bytes of z1qzenlvgmlf4aqwmxh5zfndgfesqacsm66lu2zr (a user address, type byte 0x00). */
const nomUser = '0x00b33fb11bfa6bd03b66bd0499b509cc01dc437a'
/** An embedded NoM address (type byte 0x01). */
const nomEmbedded = '0x0100000000000000000000000000000000000007'
const bytes = (hex: Hex) => Uint8Array.from(Buffer.from(hex.slice(2), 'hex'))

function withdrawalHash(w: { nonce: bigint; sender: Hex; target: Hex; value: bigint; gasLimit: bigint; data: Hex }): Hex {
  return keccak256(
    encodeAbiParameters(
      [{ type: 'uint256' }, { type: 'address' }, { type: 'address' }, { type: 'uint256' }, { type: 'uint256' }, { type: 'bytes' }],
      [w.nonce, w.sender, w.target, w.value, w.gasLimit, w.data],
    ),
  )
}

describe('L2ToNoMMessagePasser (predeploy 0x4200…0016, real node)', () => {
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

  const messageNonce = () => alice.publicClient.readContract({ address: passer, abi, functionName: 'messageNonce' })

  it('starts at nonce 0 of version 1 and has MESSAGE_VERSION 1', async () => {
    assert.equal(await messageNonce(), VERSION_1)
    assert.equal(await alice.publicClient.readContract({ address: passer, abi, functionName: 'MESSAGE_VERSION' }), 1)
  })

  it("viem's op-stack initiateWithdrawal: sentMessages[hash] = true at slot 0, MessagePassed as OP emits it, value held", async () => {
    const value = 1_500_000_000_000_000_000n
    const txHash = await initiateWithdrawal(alice.wallet, { request: { gas: 100_000n, to: nomUser, value } })
    const receipt = await alice.publicClient.waitForTransactionReceipt({ hash: txHash })
    assert.equal(receipt.status, 'success')

    const [withdrawal, ...rest] = getWithdrawals({ logs: receipt.logs })
    assert.equal(rest.length, 0)
    assert.ok(withdrawal)
    const expected = { nonce: VERSION_1, sender: alice.address, target: nomUser as Hex, value, gasLimit: 100_000n, data: '0x' as Hex }
    const hash = withdrawalHash(expected)
    assert.deepEqual(
      { ...withdrawal, sender: withdrawal.sender.toLowerCase(), target: withdrawal.target.toLowerCase() },
      { ...expected, sender: alice.address.toLowerCase(), withdrawalHash: hash },
    )
    // The anchor's own hash (what ProveWithdrawal recomputes) agrees.
    const anchorHash = hashWithdrawal({ ...expected, sender: bytes(alice.address), target: bytes(nomUser), data: new Uint8Array() })
    assert.equal(`0x${Buffer.from(anchorHash).toString('hex')}`, hash)

    const slot = getWithdrawalHashStorageSlot({ withdrawalHash: hash })
    assert.equal(slot, keccak256(encodeAbiParameters([{ type: 'bytes32' }, { type: 'uint256' }], [hash, 0n])))
    assert.equal(`0x${Buffer.from(withdrawalStorageSlot(bytes(hash))).toString('hex')}`, slot)
    const stored = await rpc(node.rpcUrl, 'eth_getStorageAt', [passer, slot, 'latest'])
    assert.equal(stored.result, `0x${'0'.repeat(63)}1`)
    assert.equal(await alice.publicClient.readContract({ address: passer, abi, functionName: 'sentMessages', args: [hash] }), true)

    const [log] = receipt.logs
    assert.ok(log)
    assert.equal(log.address, passer)
    assert.equal(log.topics[0], toEventSelector('MessagePassed(uint256,address,address,uint256,uint256,bytes,bytes32)'))
    assert.equal(await alice.publicClient.getBalance({ address: passer }), value)
    assert.equal(await messageNonce(), VERSION_1 + 1n)
  })

  it('the nonce counts up across senders; data and gas limit go into the hash; embedded targets are accepted', async () => {
    const data = '0xdeadbeef' as Hex
    const txHash = await bob.wallet.writeContract({ address: passer, abi, functionName: 'initiateWithdrawal', args: [nomEmbedded, 7n, data], value: 0n })
    const receipt = await bob.publicClient.waitForTransactionReceipt({ hash: txHash })
    assert.equal(receipt.status, 'success')
    const [withdrawal] = getWithdrawals({ logs: receipt.logs })
    assert.ok(withdrawal)
    assert.equal(withdrawal.nonce, VERSION_1 + 1n)
    assert.equal(withdrawal.withdrawalHash, withdrawalHash({ nonce: VERSION_1 + 1n, sender: bob.address, target: nomEmbedded, value: 0n, gasLimit: 7n, data }))
    const stored = await rpc(node.rpcUrl, 'eth_getStorageAt', [passer, getWithdrawalHashStorageSlot({ withdrawalHash: withdrawal.withdrawalHash }), 'latest'])
    assert.equal(stored.result, `0x${'0'.repeat(63)}1`)
    assert.equal(await messageNonce(), VERSION_1 + 2n)
    // The counter itself lives in slot 1.
    assert.equal((await rpc(node.rpcUrl, 'eth_getStorageAt', [passer, '0x1', 'latest'])).result, `0x${'0'.repeat(63)}2`)
  })

  it('refuses a target the anchor could never pay (type byte not 0x00/0x01) with TargetNotNoMAddress', async () => {
    const target = '0x4200000000000000000000000000000000000042'
    const response = await rpc(node.rpcUrl, 'eth_call', [
      { from: alice.address, to: passer, data: encodeFunctionData({ abi, functionName: 'initiateWithdrawal', args: [target, 0n, '0x'] }) },
      'latest',
    ])
    assert.deepEqual(response.error, reverted(encodeErrorResult({ abi, errorName: 'TargetNotNoMAddress', args: [target] })))
  })

  it('refuses a value that is not whole NoM base units (10^10 wei) with ValueNotWholeZnnUnit', async () => {
    const value = 10n ** 18n + 1n
    const response = await rpc(node.rpcUrl, 'eth_call', [
      { from: alice.address, to: passer, value: `0x${value.toString(16)}`, data: encodeFunctionData({ abi, functionName: 'initiateWithdrawal', args: [nomUser, 0n, '0x'] }) },
      'latest',
    ])
    assert.deepEqual(response.error, reverted(encodeErrorResult({ abi, errorName: 'ValueNotWholeZnnUnit', args: [value] })))
  })

  it('refuses plain ZNN transfers (no receive: the sender is an L2 address, not a NoM target)', async () => {
    const response = await rpc(node.rpcUrl, 'eth_call', [{ from: alice.address, to: passer, value: '0x2540be400' }, 'latest'])
    assert.deepEqual(response.error, reverted('0x'))
  })

  it('burn() destroys the held balance and emits WithdrawerBalanceBurnt', async () => {
    const held = await alice.publicClient.getBalance({ address: passer })
    assert.equal(held, 1_500_000_000_000_000_000n)
    const txHash = await bob.wallet.writeContract({ address: passer, abi, functionName: 'burn' })
    const receipt = await bob.publicClient.waitForTransactionReceipt({ hash: txHash })
    assert.equal(receipt.status, 'success')
    assert.equal(await alice.publicClient.getBalance({ address: passer }), 0n)
    const burnt = receipt.logs.find((l) => l.topics[0] === toEventSelector('WithdrawerBalanceBurnt(uint256)'))
    assert.ok(burnt)
    assert.equal(BigInt(burnt.topics[1]!), held)
    // The burner was created at the passer's CREATE address (nonce 1) and left nothing behind.
    const burner = getContractAddress({ from: passer, nonce: 1n })
    assert.equal(await alice.publicClient.getBalance({ address: burner }), 0n)
    assert.equal(await alice.publicClient.getCode({ address: burner }), undefined)
    // Recorded withdrawals are untouched.
    assert.equal(await messageNonce(), VERSION_1 + 2n)
  })
})
