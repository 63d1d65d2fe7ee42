import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { startPopulatedNode, type PopulatedNode } from '../chain.ts'
import { call, callError } from '../client.ts'

describe('eth_getFilterLogs', () => {
  let chain: PopulatedNode
  before(async () => {
    chain = await startPopulatedNode()
  })
  after(async () => chain?.node.stop())

  it('returns all logs over the filter\'s range, not just new ones', async () => {
    const url = chain.node.rpcUrl
    const id = await call<string>(url, 'eth_newFilter', [{ fromBlock: '0x0', address: chain.token.address }])
    const logs = await call<{ transactionHash: string }[]>(url, 'eth_getFilterLogs', [id])
    assert.deepEqual(logs.map((l) => l.transactionHash), [chain.token.deployHash, chain.transferHash])
    assert.deepEqual(await call(url, 'eth_getFilterLogs', [id]), logs)
  })

  it('fails for block filters and unknown ids', async () => {
    const url = chain.node.rpcUrl
    const blockFilter = await call<string>(url, 'eth_newBlockFilter')
    assert.deepEqual(await callError(url, 'eth_getFilterLogs', [blockFilter]), { code: -32000, message: 'filter not found' })
    assert.deepEqual(await callError(url, 'eth_getFilterLogs', ['0xdead']), { code: -32000, message: 'filter not found' })
  })
})
