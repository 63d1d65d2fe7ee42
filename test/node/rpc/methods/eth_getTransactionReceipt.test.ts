import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { startPopulatedNode, type PopulatedNode } from '../chain.ts'
import { call } from '../client.ts'

describe('eth_getTransactionReceipt', () => {
  let chain: PopulatedNode
  before(async () => {
    chain = await startPopulatedNode()
  })
  after(async () => chain?.node.stop())

  it('returns receipts with status, gas, logs and contract address', async () => {
    const url = chain.node.rpcUrl
    const deploy = await call<Record<string, unknown>>(url, 'eth_getTransactionReceipt', [chain.token.deployHash])
    assert.equal(deploy.status, '0x1')
    assert.equal(deploy.to, null)
    assert.equal(deploy.contractAddress, chain.token.address.toLowerCase())
    assert.equal(deploy.blockNumber, '0x1')
    const transfer = await call<{ logs: { logIndex: string; address: string; topics: string[] }[]; cumulativeGasUsed: string; gasUsed: string; contractAddress: null; type: string }>(
      url,
      'eth_getTransactionReceipt',
      [chain.transferHash],
    )
    assert.equal(transfer.contractAddress, null)
    assert.equal(transfer.type, '0x2')
    assert.equal(transfer.cumulativeGasUsed, transfer.gasUsed)
    assert.equal(transfer.logs.length, 1)
    assert.equal(transfer.logs[0]!.address, chain.token.address.toLowerCase())
    assert.equal(transfer.logs[0]!.logIndex, '0x0')
  })

  it('returns null for an unknown tx', async () => {
    assert.equal(await call(chain.node.rpcUrl, 'eth_getTransactionReceipt', [`0x${'77'.repeat(32)}`]), null)
  })
})
