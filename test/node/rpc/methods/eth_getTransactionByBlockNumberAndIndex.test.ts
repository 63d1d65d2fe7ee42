import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { startPopulatedNode, type PopulatedNode } from '../chain.ts'
import { call } from '../client.ts'

describe('eth_getTransactionByBlockNumberAndIndex', () => {
  let chain: PopulatedNode
  before(async () => {
    chain = await startPopulatedNode()
  })
  after(async () => chain?.node.stop())

  it('returns the tx at the index, null past the end or for an unknown block', async () => {
    const url = chain.node.rpcUrl
    const deploy = await call<{ hash: string; to: null }>(url, 'eth_getTransactionByBlockNumberAndIndex', ['0x1', '0x0'])
    assert.equal(deploy.hash, chain.token.deployHash)
    assert.equal(deploy.to, null)
    const latest = await call<{ hash: string }>(url, 'eth_getTransactionByBlockNumberAndIndex', ['latest', '0x0'])
    assert.equal(latest.hash, chain.transferHash)
    assert.equal(await call(url, 'eth_getTransactionByBlockNumberAndIndex', ['0x2', '0x1']), null)
    assert.equal(await call(url, 'eth_getTransactionByBlockNumberAndIndex', ['0x20', '0x0']), null)
  })
})
