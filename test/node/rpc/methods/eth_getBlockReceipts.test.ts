import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { startPopulatedNode, type PopulatedNode } from '../chain.ts'
import { call } from '../client.ts'

describe('eth_getBlockReceipts', () => {
  let chain: PopulatedNode
  before(async () => {
    chain = await startPopulatedNode()
  })
  after(async () => chain?.node.stop())

  it('returns the block\'s receipts by number, tag or hash', async () => {
    const url = chain.node.rpcUrl
    const byNumber = await call<{ transactionHash: string }[]>(url, 'eth_getBlockReceipts', ['0x2'])
    assert.deepEqual(byNumber.map((r) => r.transactionHash), [chain.transferHash])
    assert.deepEqual(await call(url, 'eth_getBlockReceipts', [chain.transferReceipt.blockHash]), byNumber)
    assert.deepEqual(await call(url, 'eth_getBlockReceipts', ['latest']), byNumber)
    assert.deepEqual(await call(url, 'eth_getBlockReceipts', ['earliest']), [])
  })

  it('returns null for an unknown block', async () => {
    assert.equal(await call(chain.node.rpcUrl, 'eth_getBlockReceipts', ['0x55']), null)
  })
})
