import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { startPopulatedNode, type PopulatedNode } from '../chain.ts'
import { call } from '../client.ts'

describe('eth_getBlockTransactionCountByNumber', () => {
  let chain: PopulatedNode
  before(async () => {
    chain = await startPopulatedNode()
  })
  after(async () => chain?.node.stop())

  it('counts the txs of a block, null for an unknown one', async () => {
    const url = chain.node.rpcUrl
    assert.equal(await call(url, 'eth_getBlockTransactionCountByNumber', ['0x2']), '0x1')
    assert.equal(await call(url, 'eth_getBlockTransactionCountByNumber', ['latest']), '0x1')
    assert.equal(await call(url, 'eth_getBlockTransactionCountByNumber', ['earliest']), '0x0')
    assert.equal(await call(url, 'eth_getBlockTransactionCountByNumber', ['0x63']), null)
  })
})
