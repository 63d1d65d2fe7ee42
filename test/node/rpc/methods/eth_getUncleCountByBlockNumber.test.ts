import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { startTestNode, type TestNode } from '../../../helpers/node.ts'
import { call } from '../client.ts'

describe('eth_getUncleCountByBlockNumber', () => {
  let node: TestNode
  before(async () => {
    node = await startTestNode()
  })
  after(async () => node?.stop())

  it('is zero for a known block and null for an unknown one', async () => {
    assert.equal(await call(node.rpcUrl, 'eth_getUncleCountByBlockNumber', ['latest']), '0x0')
    assert.equal(await call(node.rpcUrl, 'eth_getUncleCountByBlockNumber', ['0x10']), null)
  })
})
