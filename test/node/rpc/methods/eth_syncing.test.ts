import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { startTestNode, type TestNode } from '../../../helpers/node.ts'
import { call } from '../client.ts'

describe('eth_syncing', () => {
  let node: TestNode
  before(async () => {
    node = await startTestNode()
  })
  after(async () => node?.stop())

  it('is false: the sequencer makes its own chain', async () => {
    assert.equal(await call(node.rpcUrl, 'eth_syncing'), false)
  })
})
