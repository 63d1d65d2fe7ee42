/**
 * Automine (blockTimeMs 0): eth_sendRawTransaction answers only once the tx's block is sealed, so
 * the next request (even the next entry of the same batch) finds the receipt.
 */
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { keccak256, type Hex } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { startTestNode, type TestNode } from '../../../helpers/node.ts'
import { devChainId } from '../chain.ts'
import { call, post, type RPCReply } from '../client.ts'

describe('automine: sendRawTransaction answers after sealing', () => {
  let node: TestNode
  before(async () => {
    node = await startTestNode({ blockTimeMs: 0 })
  })
  after(async () => node?.stop())

  const sign = (nonce: number, key = 0) =>
    privateKeyToAccount(node.accounts[key]!.privateKey).signTransaction({
      chainId: devChainId,
      nonce,
      to: node.accounts[1]!.address,
      value: 1n,
      gas: 21_000n,
      maxFeePerGas: 10n ** 10n,
      maxPriorityFeePerGas: 1n,
    })

  async function batch(calls: { method: string; params: unknown[] }[]): Promise<RPCReply[]> {
    const body = calls.map((c, i) => ({ jsonrpc: '2.0', id: i, ...c }))
    const { status, text } = await post(node.rpcUrl, JSON.stringify(body))
    assert.equal(status, 200, text)
    return JSON.parse(text) as RPCReply[]
  }

  it('the receipt exists as soon as the hash is returned (same batch, next entry)', async () => {
    const raws = [await sign(0), await sign(1), await sign(2)]
    const replies = await batch(
      raws.flatMap((raw) => [
        { method: 'eth_sendRawTransaction', params: [raw] },
        { method: 'eth_getTransactionReceipt', params: [keccak256(raw)] },
      ]),
    )
    raws.forEach((raw, i) => {
      assert.equal(replies[2 * i]!.result, keccak256(raw))
      const receipt = replies[2 * i + 1]!.result as { status: string; transactionHash: Hex } | null
      assert.ok(receipt !== null, `receipt of tx ${i} missing right after its hash was returned`)
      assert.equal(receipt.status, '0x1')
      assert.equal(receipt.transactionHash, keccak256(raw))
    })
  })

  it('a run of sends in one batch: every hash answered after its block, in nonce order', async () => {
    const raws = await Promise.all([3, 4, 5, 6, 7].map((n) => sign(n)))
    const replies = await batch(raws.map((raw) => ({ method: 'eth_sendRawTransaction', params: [raw] })))
    assert.deepEqual(
      replies.map((r) => r.result),
      raws.map((raw) => keccak256(raw)),
    )
    const blocks = await Promise.all(
      raws.map(async (raw) => BigInt((await call<{ blockNumber: string }>(node.rpcUrl, 'eth_getTransactionReceipt', [keccak256(raw)])).blockNumber)),
    )
    for (let i = 1; i < blocks.length; i++) assert.ok(blocks[i]! > blocks[i - 1]!, `blocks ${blocks.join(', ')}`)
  })

  it('a tx behind a nonce gap is answered at once and stays queued', async () => {
    const raw = await sign(20)
    const hash = await call<string>(node.rpcUrl, 'eth_sendRawTransaction', [raw])
    assert.equal(hash, keccak256(raw))
    assert.deepEqual(await call(node.rpcUrl, 'txpool_status'), { pending: '0x0', queued: '0x1' })
    assert.equal(await call(node.rpcUrl, 'eth_getTransactionReceipt', [hash]), null)
  })
})
