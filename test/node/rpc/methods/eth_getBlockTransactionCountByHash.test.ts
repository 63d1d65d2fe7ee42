import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { startPopulatedNode, type PopulatedNode } from '../chain.ts'
import { call } from '../client.ts'

describe('eth_getBlockTransactionCountByHash', () => {
  let chain: PopulatedNode
  before(async () => {
    chain = await startPopulatedNode()
  })
  after(async () => chain?.node.stop())

  it('counts the txs of a block, null for an unknown one', async () => {
    const url = chain.node.rpcUrl
    assert.equal(await call(url, 'eth_getBlockTransactionCountByHash', [chain.transferReceipt.blockHash]), '0x1')
    const genesis = await call<{ hash: string }>(url, 'eth_getBlockByNumber', ['0x0', false])
    assert.equal(await call(url, 'eth_getBlockTransactionCountByHash', [genesis.hash]), '0x0')
    assert.equal(await call(url, 'eth_getBlockTransactionCountByHash', [`0x${'ab'.repeat(32)}`]), null)
  })
})
