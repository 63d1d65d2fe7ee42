import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { startPopulatedNode, type PopulatedNode } from '../chain.ts'
import { call, callError } from '../client.ts'

describe('eth_getTransactionByBlockHashAndIndex', () => {
  let chain: PopulatedNode
  before(async () => {
    chain = await startPopulatedNode()
  })
  after(async () => chain?.node.stop())

  it('returns the tx at the index, null past the end or for an unknown block', async () => {
    const url = chain.node.rpcUrl
    const blockHash = chain.transferReceipt.blockHash
    const tx = await call<{ hash: string }>(url, 'eth_getTransactionByBlockHashAndIndex', [blockHash, '0x0'])
    assert.equal(tx.hash, chain.transferHash)
    assert.equal(await call(url, 'eth_getTransactionByBlockHashAndIndex', [blockHash, '0x1']), null)
    assert.equal(await call(url, 'eth_getTransactionByBlockHashAndIndex', [`0x${'ab'.repeat(32)}`, '0x0']), null)
    assert.deepEqual(await callError(url, 'eth_getTransactionByBlockHashAndIndex', [blockHash, 0]), { code: -32602, message: 'invalid argument 1: hex string expected' })
  })
})
