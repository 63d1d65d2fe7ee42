import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { startTestNode, type TestNode } from '../../../helpers/node.ts'
import { viemClients } from '../chain.ts'
import { call, callError } from '../client.ts'

interface FeeHistory {
  oldestBlock: string
  baseFeePerGas: string[]
  gasUsedRatio: number[]
  reward?: string[][]
}

describe('eth_feeHistory', () => {
  let node: TestNode
  const tips = [3_000_000n, 5_000_000n]

  before(async () => {
    node = await startTestNode()
    const clients = viemClients(node)
    for (const tip of tips) {
      const hash = await clients.wallet.sendTransaction({ to: node.accounts[1]!.address, value: 1n, maxPriorityFeePerGas: tip, maxFeePerGas: 10n ** 11n })
      await clients.publicClient.waitForTransactionReceipt({ hash, pollingInterval: 50 })
    }
  })
  after(async () => node?.stop())

  it('returns base fees (plus the next one), gas ratios and rewards per block', async () => {
    const history = await call<FeeHistory>(node.rpcUrl, 'eth_feeHistory', ['0x3', 'latest', [25, 75]])
    assert.equal(history.oldestBlock, '0x0')
    assert.equal(history.baseFeePerGas.length, 4)
    assert.equal(history.gasUsedRatio.length, 3)
    assert.equal(history.gasUsedRatio[0], 0)
    const block1 = await call<{ gasUsed: string; gasLimit: string; baseFeePerGas: string }>(node.rpcUrl, 'eth_getBlockByNumber', ['0x1', false])
    assert.equal(history.gasUsedRatio[1], Number(BigInt(block1.gasUsed)) / Number(BigInt(block1.gasLimit)))
    assert.equal(history.baseFeePerGas[1], block1.baseFeePerGas)
    assert.deepEqual(history.reward, [
      ['0x0', '0x0'],
      [`0x${tips[0]!.toString(16)}`, `0x${tips[0]!.toString(16)}`],
      [`0x${tips[1]!.toString(16)}`, `0x${tips[1]!.toString(16)}`],
    ])
  })

  it('omits rewards without percentiles and clamps the range at genesis', async () => {
    const history = await call<FeeHistory>(node.rpcUrl, 'eth_feeHistory', ['0x10', '0x1', []])
    assert.equal(history.oldestBlock, '0x0')
    assert.equal(history.gasUsedRatio.length, 2)
    assert.equal(history.reward, undefined)
  })

  it('accepts a JSON number as block count, and returns empty lists for zero blocks', async () => {
    const history = await call<FeeHistory>(node.rpcUrl, 'eth_feeHistory', [2, 'latest', []])
    assert.equal(history.oldestBlock, '0x1')
    assert.deepEqual(await call(node.rpcUrl, 'eth_feeHistory', ['0x0', 'latest', []]), { oldestBlock: '0x0', baseFeePerGas: [], gasUsedRatio: [] })
  })

  it('refuses a block past the head and bad percentiles', async () => {
    assert.deepEqual(await callError(node.rpcUrl, 'eth_feeHistory', ['0x1', '0x9', []]), { code: -32000, message: 'request beyond head block: requested 9, head 2' })
    assert.deepEqual(await callError(node.rpcUrl, 'eth_feeHistory', ['0x1', 'latest', [50, 10]]), { code: -32602, message: 'invalid reward percentile: #0:50 > #1:10' })
    assert.deepEqual(await callError(node.rpcUrl, 'eth_feeHistory', ['0x1', 'latest', [101]]), { code: -32602, message: 'invalid reward percentile: 101' })
  })
})
