import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { privateKeyToAccount } from 'viem/accounts'
import { startTestNode, type TestNode } from '../../../helpers/node.ts'
import { devChainId, sendValue, viemClients } from '../chain.ts'
import { call, callError } from '../client.ts'

describe('eth_getTransactionCount', () => {
  describe('mined transactions', () => {
    let node: TestNode
    before(async () => {
      node = await startTestNode()
      await sendValue(viemClients(node), node.accounts[1]!.address, 1n)
    })
    after(async () => node?.stop())

    it('counts the sender\'s mined transactions per block', async () => {
      const sender = node.accounts[0]!.address
      assert.equal(await call(node.rpcUrl, 'eth_getTransactionCount', [sender, 'latest']), '0x1')
      assert.equal(await call(node.rpcUrl, 'eth_getTransactionCount', [sender]), '0x1')
      assert.equal(await call(node.rpcUrl, 'eth_getTransactionCount', [sender, '0x0']), '0x0')
      assert.equal(await call(node.rpcUrl, 'eth_getTransactionCount', ['0xc1cadaffffffffffffffffffffffffffffffffff', 'latest']), '0x0')
      assert.deepEqual(await callError(node.rpcUrl, 'eth_getTransactionCount', [sender, '0x5']), { code: -32000, message: 'header not found' })
    })
  })

  describe('pending transactions', () => {
    let node: TestNode
    before(async () => {
      // Long block time: admitted transactions stay in the pool during the test.
      node = await startTestNode({ blockTimeMs: 60_000 })
    })
    after(async () => node?.stop())

    it('counts pool transactions for `pending` only', async () => {
      const account = privateKeyToAccount(node.accounts[0]!.privateKey)
      for (const nonce of [0, 1]) {
        const raw = await account.signTransaction({ chainId: devChainId, nonce, to: node.accounts[1]!.address, value: 1n, gas: 21_000n, maxFeePerGas: 10n ** 10n, maxPriorityFeePerGas: 1n })
        await call(node.rpcUrl, 'eth_sendRawTransaction', [raw])
      }
      assert.equal(await call(node.rpcUrl, 'eth_getTransactionCount', [account.address, 'pending']), '0x2')
      assert.equal(await call(node.rpcUrl, 'eth_getTransactionCount', [account.address, 'latest']), '0x0')
    })
  })
})
