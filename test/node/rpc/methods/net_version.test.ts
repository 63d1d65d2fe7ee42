import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { startTestNode, type TestNode } from '../../../helpers/node.ts'
import { devChainId } from '../chain.ts'
import { call } from '../client.ts'

describe('net_version', () => {
  let node: TestNode
  before(async () => {
    node = await startTestNode()
  })
  after(async () => node?.stop())

  it('returns the chain id in decimal', async () => {
    assert.equal(await call(node.rpcUrl, 'net_version'), String(devChainId))
  })
})
