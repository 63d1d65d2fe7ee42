import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { startPopulatedNode, type PopulatedNode } from '../chain.ts'
import { call, callError } from '../client.ts'

describe('eth_getFilterChanges', () => {
  let chain: PopulatedNode
  before(async () => {
    chain = await startPopulatedNode()
  })
  after(async () => chain?.node.stop())

  it('returns each change once, in order, across polls', async () => {
    const url = chain.node.rpcUrl
    const id = await call<string>(url, 'eth_newFilter', [{ address: chain.token.address }])
    const send = async (value: bigint) => {
      const hash = await chain.clients.wallet.writeContract({ address: chain.token.address, abi: chain.token.abi, functionName: 'transfer', args: [chain.node.accounts[3]!.address, value] })
      await chain.clients.publicClient.waitForTransactionReceipt({ hash, pollingInterval: 50 })
      return hash
    }
    const first = await send(1n)
    const second = await send(2n)
    assert.deepEqual((await call<{ transactionHash: string }[]>(url, 'eth_getFilterChanges', [id])).map((l) => l.transactionHash), [first, second])
    const third = await send(3n)
    assert.deepEqual((await call<{ transactionHash: string }[]>(url, 'eth_getFilterChanges', [id])).map((l) => l.transactionHash), [third])
  })

  it('fails with geth\'s message for an unknown filter and a bad id', async () => {
    assert.deepEqual(await callError(chain.node.rpcUrl, 'eth_getFilterChanges', ['0x123456']), { code: -32000, message: 'filter not found' })
    assert.deepEqual(await callError(chain.node.rpcUrl, 'eth_getFilterChanges', ['nope']), { code: -32602, message: 'invalid argument 0: hex string without 0x prefix' })
  })
})
