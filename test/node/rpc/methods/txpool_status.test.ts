import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { privateKeyToAccount } from 'viem/accounts'
import { startTestNode, type TestNode } from '../../../helpers/node.ts'
import { devChainId } from '../chain.ts'
import { call } from '../client.ts'

describe('txpool_status', () => {
  let node: TestNode
  before(async () => {
    node = await startTestNode({ blockTimeMs: 60_000 })
  })
  after(async () => node?.stop())

  it('counts pending and queued (nonce-gapped) txs', async () => {
    assert.deepEqual(await call(node.rpcUrl, 'txpool_status'), { pending: '0x0', queued: '0x0' })
    const account = privateKeyToAccount(node.accounts[0]!.privateKey)
    for (const nonce of [0, 1, 3]) {
      const raw = await account.signTransaction({ chainId: devChainId, nonce, to: node.accounts[1]!.address, value: 1n, gas: 21_000n, maxFeePerGas: 10n ** 10n, maxPriorityFeePerGas: 1n })
      await call(node.rpcUrl, 'eth_sendRawTransaction', [raw])
    }
    assert.deepEqual(await call(node.rpcUrl, 'txpool_status'), { pending: '0x2', queued: '0x1' })
  })
})
