import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { startTestNode, type TestNode } from '../../../helpers/node.ts'
import { call } from '../client.ts'

describe('net_listening', () => {
  let node: TestNode
  before(async () => {
    node = await startTestNode()
  })
  after(async () => node?.stop())

  it('is true while the server answers', async () => {
    assert.equal(await call(node.rpcUrl, 'net_listening'), true)
  })
})
