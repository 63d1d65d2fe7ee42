import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { keccak256 } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { startTestNode, type TestNode } from '../../../helpers/node.ts'
import { devChainId, waitFor } from '../chain.ts'
import { call, callError } from '../client.ts'

describe('eth_sendRawTransaction', () => {
  let node: TestNode
  before(async () => {
    node = await startTestNode()
  })
  after(async () => node?.stop())

  const sign = (nonce: number) =>
    privateKeyToAccount(node.accounts[0]!.privateKey).signTransaction({
      chainId: devChainId,
      nonce,
      to: node.accounts[1]!.address,
      value: 1n,
      gas: 21_000n,
      maxFeePerGas: 10n ** 10n,
      maxPriorityFeePerGas: 1n,
    })

  it('admits a signed tx, returns its hash, and the tx gets mined', async () => {
    const raw = await sign(0)
    const hash = await call<string>(node.rpcUrl, 'eth_sendRawTransaction', [raw])
    assert.equal(hash, keccak256(raw))
    const receipt = await waitFor(async () => (await call<{ status: string } | null>(node.rpcUrl, 'eth_getTransactionReceipt', [hash])) ?? undefined)
    assert.equal(receipt.status, '0x1')
  })

  it('rejects with -32003 and the pool\'s geth message', async () => {
    assert.deepEqual(await callError(node.rpcUrl, 'eth_sendRawTransaction', [await sign(0)]), { code: -32003, message: 'nonce too low: next nonce 1, tx nonce 0' })
    assert.deepEqual(await callError(node.rpcUrl, 'eth_sendRawTransaction', ['0x']), { code: -32003, message: 'typed transaction too short' })
  })

  it('refuses non-hex input with -32602', async () => {
    assert.deepEqual(await callError(node.rpcUrl, 'eth_sendRawTransaction', ['f86b']), { code: -32602, message: 'invalid argument 0: hex string without 0x prefix' })
  })
})
