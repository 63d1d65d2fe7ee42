import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { startTestNode, type TestNode } from '../../../helpers/node.ts'
import { call } from '../client.ts'

describe('net_peerCount', () => {
  let node: TestNode
  before(async () => {
    node = await startTestNode()
  })
  after(async () => node?.stop())

  it('is zero: the sequencer has no peers', async () => {
    assert.equal(await call(node.rpcUrl, 'net_peerCount'), '0x0')
  })
})
