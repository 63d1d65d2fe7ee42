import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { startTestNode, type TestNode } from '../../../helpers/node.ts'
import { call } from '../client.ts'

describe('eth_getUncleCountByBlockHash', () => {
  let node: TestNode
  before(async () => {
    node = await startTestNode()
  })
  after(async () => node?.stop())

  it('is zero for a known block and null for an unknown one', async () => {
    const genesis = await call<{ hash: string }>(node.rpcUrl, 'eth_getBlockByNumber', ['0x0', false])
    assert.equal(await call(node.rpcUrl, 'eth_getUncleCountByBlockHash', [genesis.hash]), '0x0')
    assert.equal(await call(node.rpcUrl, 'eth_getUncleCountByBlockHash', [`0x${'cd'.repeat(32)}`]), null)
  })
})
