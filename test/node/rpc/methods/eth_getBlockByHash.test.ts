import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { keccak256, toRlp, type Hex } from 'viem'
import { startPopulatedNode, type PopulatedNode } from '../chain.ts'
import { call, callError } from '../client.ts'

describe('eth_getBlockByHash', () => {
  let chain: PopulatedNode
  before(async () => {
    chain = await startPopulatedNode()
  })
  after(async () => chain?.node.stop())

  it('returns the block whose header hashes to the hash asked for', async () => {
    const url = chain.node.rpcUrl
    const hash = chain.transferReceipt.blockHash
    const block = await call<Record<string, Hex>>(url, 'eth_getBlockByHash', [hash, false])
    assert.equal(block.hash, hash)
    assert.equal(block.number, '0x2')
    // Recompute keccak(rlp(header)) from the returned fields (Prague header field order).
    const quantity = (value: Hex) => (value === '0x0' ? '0x' : ((value.length % 2 === 1 ? `0x0${value.slice(2)}` : value) as Hex))
    const header = [
      block.parentHash, block.sha3Uncles, block.miner, block.stateRoot, block.transactionsRoot, block.receiptsRoot, block.logsBloom,
      quantity(block.difficulty!), quantity(block.number!), quantity(block.gasLimit!), quantity(block.gasUsed!), quantity(block.timestamp!),
      block.extraData, block.mixHash, block.nonce, quantity(block.baseFeePerGas!), block.withdrawalsRoot, quantity(block.blobGasUsed!),
      quantity(block.excessBlobGas!), block.parentBeaconBlockRoot, block.requestsHash,
    ] as Hex[]
    assert.equal(keccak256(toRlp(header)), hash)
  })

  it('returns null for an unknown hash and refuses a short one', async () => {
    const url = chain.node.rpcUrl
    assert.equal(await call(url, 'eth_getBlockByHash', [`0x${'ab'.repeat(32)}`, true]), null)
    assert.deepEqual(await callError(url, 'eth_getBlockByHash', ['0xab', true]), { code: -32602, message: 'invalid argument 0: hex string has length 2, want 64 for common.Hash' })
  })
})
