import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { getAddress, keccak256 } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { startTestNode, type TestNode } from '../../../helpers/node.ts'
import { devChainId } from '../chain.ts'
import { call } from '../client.ts'

type Content = Record<'pending' | 'queued', Record<string, Record<string, { hash: string; nonce: string; blockHash: null }>>>

describe('txpool_content', () => {
  let node: TestNode
  before(async () => {
    node = await startTestNode({ blockTimeMs: 60_000 })
  })
  after(async () => node?.stop())

  it('lists pool txs by checksummed sender and decimal nonce', async () => {
    assert.deepEqual(await call(node.rpcUrl, 'txpool_content'), { pending: {}, queued: {} })
    const account = privateKeyToAccount(node.accounts[0]!.privateKey)
    const hashes: string[] = []
    for (const nonce of [0, 2]) {
      const raw = await account.signTransaction({ chainId: devChainId, nonce, to: node.accounts[1]!.address, value: 1n, gas: 21_000n, maxFeePerGas: 10n ** 10n, maxPriorityFeePerGas: 1n })
      await call(node.rpcUrl, 'eth_sendRawTransaction', [raw])
      hashes.push(keccak256(raw))
    }
    const content = await call<Content>(node.rpcUrl, 'txpool_content')
    const sender = getAddress(account.address)
    assert.deepEqual(Object.keys(content.pending), [sender])
    assert.deepEqual(Object.keys(content.pending[sender]!), ['0'])
    assert.equal(content.pending[sender]!['0']!.hash, hashes[0])
    assert.equal(content.pending[sender]!['0']!.blockHash, null)
    assert.deepEqual(Object.keys(content.queued[sender]!), ['2'])
    assert.equal(content.queued[sender]!['2']!.hash, hashes[1])
    assert.equal(content.queued[sender]!['2']!.nonce, '0x2')
  })
})
