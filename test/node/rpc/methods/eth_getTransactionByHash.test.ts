import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { privateKeyToAccount } from 'viem/accounts'
import { keccak256 } from 'viem'
import { startTestNode, type TestNode } from '../../../helpers/node.ts'
import { devChainId, startPopulatedNode, type PopulatedNode } from '../chain.ts'
import { call, request } from '../client.ts'
import { assertResultSchema } from '../schema.ts'

describe('eth_getTransactionByHash', () => {
  describe('mined', () => {
    let chain: PopulatedNode
    before(async () => {
      chain = await startPopulatedNode()
    })
    after(async () => chain?.node.stop())

    it('returns a mined tx with its block placement and effective gas price', async () => {
      const tx = await call<Record<string, unknown>>(chain.node.rpcUrl, 'eth_getTransactionByHash', [chain.transferHash])
      assert.equal(tx.hash, chain.transferHash)
      assert.equal(tx.blockHash, chain.transferReceipt.blockHash)
      assert.equal(tx.blockNumber, '0x2')
      assert.equal(tx.transactionIndex, '0x0')
      assert.equal(tx.from, chain.node.accounts[0]!.address)
      assert.equal(tx.to, chain.token.address.toLowerCase())
      assert.equal(tx.type, '0x2')
      assert.equal(tx.gasPrice, `0x${chain.transferReceipt.effectiveGasPrice.toString(16)}`)
      const viemTx = await chain.clients.publicClient.getTransaction({ hash: chain.transferHash })
      assert.equal(viemTx.hash, chain.transferHash)
    })

    it('returns null for an unknown hash', async () => {
      assert.equal(await call(chain.node.rpcUrl, 'eth_getTransactionByHash', [`0x${'12'.repeat(32)}`]), null)
    })
  })

  describe('pending', () => {
    let node: TestNode
    before(async () => {
      node = await startTestNode({ blockTimeMs: 60_000 })
    })
    after(async () => node?.stop())

    it('returns a pool tx with null block fields and the fee cap as gas price', async () => {
      const account = privateKeyToAccount(node.accounts[0]!.privateKey)
      const raw = await account.signTransaction({ chainId: devChainId, nonce: 0, to: node.accounts[1]!.address, value: 5n, gas: 21_000n, maxFeePerGas: 10n ** 10n, maxPriorityFeePerGas: 2n })
      const hash = await call<string>(node.rpcUrl, 'eth_sendRawTransaction', [raw])
      assert.equal(hash, keccak256(raw))
      // The specification's result schema knows only mined txs; a pool tx is a PendingTransactionInfo.
      const reply = await request(node.rpcUrl, 'eth_getTransactionByHash', [hash])
      const tx = reply.result as Record<string, unknown>
      assertResultSchema('component:PendingTransactionInfo', tx)
      assert.equal(tx.blockHash, null)
      assert.equal(tx.blockNumber, null)
      assert.equal(tx.blockTimestamp, null)
      assert.equal(tx.transactionIndex, null)
      assert.equal(tx.gasPrice, `0x${(10n ** 10n).toString(16)}`)
      assert.equal(tx.value, '0x5')
    })
  })
})
