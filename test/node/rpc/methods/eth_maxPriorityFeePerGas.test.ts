import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { startTestNode, type TestNode } from '../../../helpers/node.ts'
import { viemClients } from '../chain.ts'
import { call } from '../client.ts'

describe('eth_maxPriorityFeePerGas', () => {
  let node: TestNode
  before(async () => {
    node = await startTestNode()
  })
  after(async () => node?.stop())

  it('suggests a positive tip that viem uses for its fee estimate', async () => {
    const tip = BigInt(await call<string>(node.rpcUrl, 'eth_maxPriorityFeePerGas'))
    assert.ok(tip > 0n)
    const fees = await viemClients(node).publicClient.estimateFeesPerGas()
    assert.equal(fees.maxPriorityFeePerGas, tip)
  })
})
