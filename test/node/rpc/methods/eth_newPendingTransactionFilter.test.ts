import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { privateKeyToAccount } from 'viem/accounts'
import { startTestNode, type TestNode } from '../../../helpers/node.ts'
import { devChainId } from '../chain.ts'
import { call } from '../client.ts'

describe('eth_newPendingTransactionFilter', () => {
  let node: TestNode
  before(async () => {
    node = await startTestNode({ blockTimeMs: 60_000 })
  })
  after(async () => node?.stop())

  it('collects hashes of txs admitted to the pool', async () => {
    const id = await call<string>(node.rpcUrl, 'eth_newPendingTransactionFilter')
    const account = privateKeyToAccount(node.accounts[0]!.privateKey)
    const hashes: string[] = []
    for (const nonce of [0, 1]) {
      const raw = await account.signTransaction({ chainId: devChainId, nonce, to: node.accounts[1]!.address, value: 1n, gas: 21_000n, maxFeePerGas: 10n ** 10n, maxPriorityFeePerGas: 1n })
      hashes.push(await call<string>(node.rpcUrl, 'eth_sendRawTransaction', [raw]))
    }
    assert.deepEqual(await call(node.rpcUrl, 'eth_getFilterChanges', [id]), hashes)
    assert.deepEqual(await call(node.rpcUrl, 'eth_getFilterChanges', [id]), [])
  })
})
