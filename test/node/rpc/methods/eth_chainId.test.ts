import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { startTestNode, type TestNode } from '../../../helpers/node.ts'
import { devChainId, viemClients } from '../chain.ts'
import { call } from '../client.ts'

describe('eth_chainId', () => {
  let node: TestNode
  before(async () => {
    node = await startTestNode()
  })
  after(async () => node?.stop())

  it('returns the chain id as a quantity, as viem reads it', async () => {
    assert.equal(await call(node.rpcUrl, 'eth_chainId'), `0x${devChainId.toString(16)}`)
    assert.equal(await viemClients(node).publicClient.getChainId(), devChainId)
  })
})
