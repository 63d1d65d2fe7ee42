import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { startTestNode, type TestNode } from '../../../helpers/node.ts'
import { sendValue, viemClients } from '../chain.ts'
import { call } from '../client.ts'

describe('eth_blockNumber', () => {
  let node: TestNode
  before(async () => {
    node = await startTestNode()
  })
  after(async () => node?.stop())

  it('starts at genesis and follows each sealed block', async () => {
    assert.equal(await call(node.rpcUrl, 'eth_blockNumber'), '0x0')
    const receipt = await sendValue(viemClients(node), node.accounts[1]!.address, 1n)
    assert.equal(receipt.blockNumber, 1n)
    assert.equal(await call(node.rpcUrl, 'eth_blockNumber'), '0x1')
  })
})
