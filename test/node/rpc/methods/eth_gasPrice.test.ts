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

  it('is max(head base fee, next base fee) plus the suggested tip', async () => {
    const gasPrice = BigInt(await call<string>(node.rpcUrl, 'eth_gasPrice'))
    const tip = BigInt(await call<string>(node.rpcUrl, 'eth_maxPriorityFeePerGas'))
    const history = await call<{ baseFeePerGas: string[] }>(node.rpcUrl, 'eth_feeHistory', ['0x1', 'latest', []])
    const headBaseFee = BigInt(history.baseFeePerGas[0]!)
    const nextBaseFee = BigInt(history.baseFeePerGas[1]!)
    // Genesis (1 gwei) is an empty block: the next base fee is lower than the head's.
    assert.ok(nextBaseFee < headBaseFee, `next ${nextBaseFee}, head ${headBaseFee}`)
    assert.equal(gasPrice, headBaseFee + tip)
  })

  it('is accepted by eth_estimateGas and eth_call at latest', async () => {
    const gasPrice = await call<string>(node.rpcUrl, 'eth_gasPrice')
    const tx = { from: node.accounts[0]!.address, to: node.accounts[1]!.address, value: '0x1', gasPrice }
    assert.equal(await call<string>(node.rpcUrl, 'eth_estimateGas', [tx, 'latest']), '0x5208')
    assert.equal(await call<string>(node.rpcUrl, 'eth_call', [tx, 'latest']), '0x')
  })
})
