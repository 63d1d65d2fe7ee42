import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { concat, keccak256, pad, parseEther, type Hex } from 'viem'
import { initiateWithdrawal } from 'viem/op-stack'
import { L2_TO_NOM_MESSAGE_PASSER_ADDRESS } from '../../../contracts/l2/addresses.ts'
import { startTestNode, type TestNode } from '../../helpers/node.ts'
import { l2Clients, type L2Clients } from '../../contracts/l2/l2Test.ts'
import { request } from './client.ts'

interface OutputJSON {
  version: Hex
  outputRoot: Hex
  blockNumber: Hex
  blockHash: Hex
  stateRoot: Hex
  messagePasserStorageRoot: Hex
  withdrawalStorageRoot: Hex
  blockRef: { hash: Hex; number: number; parentHash: Hex; timestamp: number; l1origin: { hash: Hex; number: number } | null; sequenceNumber: number | null }
}

/** The 20 raw bytes of a NoM user address (type byte 0x00). */
const nomUser: Hex = '0x00b33fb11bfa6bd03b66bd0499b509cc01dc437a'

async function output(url: string, block: unknown): Promise<OutputJSON> {
  const reply = await request(url, 'nomx_outputAtBlock', [block])
  assert.equal(reply.error, undefined, JSON.stringify(reply.error))
  return reply.result as OutputJSON
}

/** The output root recomputed from eth_getBlockByNumber and eth_getProof only, with viem's keccak. */
async function expected(l2: L2Clients, blockNumber: bigint): Promise<{ root: Hex; storageHash: Hex; stateRoot: Hex; hash: Hex }> {
  const block = await l2.publicClient.getBlock({ blockNumber })
  const proof = await l2.publicClient.getProof({ address: L2_TO_NOM_MESSAGE_PASSER_ADDRESS, storageKeys: [], blockNumber })
  const root = keccak256(concat([pad('0x00', { size: 32 }), block.stateRoot, proof.storageHash, block.hash]))
  return { root, storageHash: proof.storageHash, stateRoot: block.stateRoot, hash: block.hash }
}

describe('nomx_outputAtBlock', () => {
  let node: TestNode
  let l2: L2Clients
  before(async () => {
    node = await startTestNode()
    l2 = l2Clients(node, 0)
  })
  after(async () => node?.stop())

  it('genesis: keccak(0 ‖ stateRoot ‖ storageRoot(0x…16) ‖ hash), recomputed from eth_getProof / eth_getBlock', async () => {
    const out = await output(node.rpcUrl, '0x0')
    const want = await expected(l2, 0n)
    assert.equal(out.outputRoot, want.root)
    assert.equal(out.version, pad('0x00', { size: 32 }))
    assert.equal(out.blockNumber, '0x0')
    assert.equal(out.blockHash, want.hash)
    assert.equal(out.stateRoot, want.stateRoot)
    assert.equal(out.messagePasserStorageRoot, want.storageHash)
    assert.equal(out.withdrawalStorageRoot, want.storageHash)
    assert.deepEqual(out.blockRef, { hash: want.hash, number: 0, parentHash: pad('0x00', { size: 32 }), timestamp: out.blockRef.timestamp, l1origin: null, sequenceNumber: null })
  })

  it('after a withdrawal the message passer storage root changes and the output root follows it; tags and numbers agree', async () => {
    const before = await output(node.rpcUrl, 'latest')
    const txHash = await initiateWithdrawal(l2.wallet, { request: { gas: 0n, to: nomUser, value: parseEther('1') } })
    const receipt = await l2.publicClient.waitForTransactionReceipt({ hash: txHash })
    assert.equal(receipt.status, 'success')
    const out = await output(node.rpcUrl, `0x${receipt.blockNumber.toString(16)}`)
    const want = await expected(l2, receipt.blockNumber)
    assert.equal(out.outputRoot, want.root)
    assert.equal(out.messagePasserStorageRoot, want.storageHash)
    assert.notEqual(out.messagePasserStorageRoot, before.messagePasserStorageRoot)
    assert.equal(out.blockHash, receipt.blockHash)
    assert.deepEqual(await output(node.rpcUrl, 'latest'), out)
    // No deposit source: nothing is safe yet, so safe/finalized read as genesis.
    assert.deepEqual(await output(node.rpcUrl, 'safe'), await output(node.rpcUrl, '0x0'))
    assert.deepEqual(await output(node.rpcUrl, 'finalized'), await output(node.rpcUrl, 'earliest'))
  })

  it('an unknown block is a resource-not-found error naming the head; bad params are invalid-params errors', async () => {
    const head = await l2.publicClient.getBlockNumber()
    const missing = await request(node.rpcUrl, 'nomx_outputAtBlock', ['0x3e8'])
    assert.deepEqual(missing.error, { code: -32001, message: `block 1000 not found: the chain's head is block ${head}` })
    const noArg = await request(node.rpcUrl, 'nomx_outputAtBlock', [])
    assert.deepEqual(noArg.error, { code: -32602, message: 'missing value for required argument 0' })
    const bad = await request(node.rpcUrl, 'nomx_outputAtBlock', ['0x01'])
    assert.deepEqual(bad.error, { code: -32602, message: 'invalid argument 0: hex number with leading zero digits' })
    const word = await request(node.rpcUrl, 'nomx_outputAtBlock', ['newest'])
    assert.deepEqual(word.error, { code: -32602, message: 'invalid argument 0: invalid block number or tag "newest"' })
  })
})
