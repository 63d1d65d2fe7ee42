import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { startTestNode, type TestNode } from '../../../helpers/node.ts'
import { call } from '../client.ts'

describe('eth_gasPrice', () => {
  let node: TestNode
  before(async () => {
    node = await startTestNode()
  })
  after(async () => node?.stop())

  it('is the next base fee plus the suggested tip', async () => {
    const gasPrice = BigInt(await call<string>(node.rpcUrl, 'eth_gasPrice'))
    const tip = BigInt(await call<string>(node.rpcUrl, 'eth_maxPriorityFeePerGas'))
    const history = await call<{ baseFeePerGas: string[] }>(node.rpcUrl, 'eth_feeHistory', ['0x1', 'latest', []])
    const nextBaseFee = BigInt(history.baseFeePerGas[1]!)
    assert.equal(gasPrice, nextBaseFee + tip)
  })
})
