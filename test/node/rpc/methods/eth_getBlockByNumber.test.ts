import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { startPopulatedNode, type PopulatedNode } from '../chain.ts'
import { call, callError } from '../client.ts'
import { assertResultSchema } from '../schema.ts'

interface BlockJSON {
  hash: string
  number: string
  parentHash: string
  transactions: (string | { hash: string; blockHash: string; transactionIndex: string })[]
}

describe('eth_getBlockByNumber', () => {
  let chain: PopulatedNode
  before(async () => {
    chain = await startPopulatedNode()
  })
  after(async () => chain?.node.stop())

  it('returns blocks with tx hashes or full txs, matching what viem computes', async () => {
    const url = chain.node.rpcUrl
    const light = await call<BlockJSON>(url, 'eth_getBlockByNumber', ['0x2', false])
    assert.equal(light.number, '0x2')
    assert.deepEqual(light.transactions, [chain.transferHash])
    const full = await call<BlockJSON>(url, 'eth_getBlockByNumber', ['0x2', true])
    const tx = full.transactions[0] as { hash: string; blockHash: string; transactionIndex: string }
    assert.equal(tx.hash, chain.transferHash)
    assert.equal(tx.blockHash, full.hash)
    assert.equal(tx.transactionIndex, '0x0')
    assertResultSchema('component:TransactionInfo', tx)
    const viemBlock = await chain.clients.publicClient.getBlock({ blockNumber: 2n })
    assert.equal(viemBlock.hash, full.hash)
    const parent = await call<BlockJSON>(url, 'eth_getBlockByNumber', ['0x1', false])
    assert.equal(full.parentHash, parent.hash)
  })

  it('resolves every tag', async () => {
    const url = chain.node.rpcUrl
    const numberOf = async (tag: string) => (await call<BlockJSON>(url, 'eth_getBlockByNumber', [tag, false])).number
    assert.equal(await numberOf('latest'), '0x2')
    assert.equal(await numberOf('pending'), '0x2')
    assert.equal(await numberOf('earliest'), '0x0')
    // Nothing is safe or finalized until the chain is anchored on NoM: both read as genesis.
    assert.equal(await numberOf('safe'), '0x0')
    assert.equal(await numberOf('finalized'), '0x0')
  })

  it('returns null for a block that does not exist', async () => {
    assert.equal(await call(chain.node.rpcUrl, 'eth_getBlockByNumber', ['0x3e8', true]), null)
  })

  it('refuses bad params', async () => {
    const url = chain.node.rpcUrl
    assert.deepEqual(await callError(url, 'eth_getBlockByNumber', ['0x1']), { code: -32602, message: 'missing value for required argument 1' })
    assert.deepEqual(await callError(url, 'eth_getBlockByNumber', ['0x01', false]), { code: -32602, message: 'invalid argument 0: hex number with leading zero digits' })
    assert.deepEqual(await callError(url, 'eth_getBlockByNumber', ['0x1', 'yes']), { code: -32602, message: 'invalid argument 1: boolean expected' })
  })
})
