import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { toEventSelector } from 'viem'
import { startPopulatedNode, type PopulatedNode } from '../chain.ts'
import { call, callError } from '../client.ts'

describe('eth_newFilter', () => {
  let chain: PopulatedNode
  before(async () => {
    chain = await startPopulatedNode()
  })
  after(async () => chain?.node.stop())

  it('installs a log filter that collects only new matching logs', async () => {
    const url = chain.node.rpcUrl
    const id = await call<string>(url, 'eth_newFilter', [{ address: chain.token.address, topics: [toEventSelector('Transfer(address,address,uint256)')] }])
    assert.match(id, /^0x[1-9a-f][0-9a-f]*$/)
    assert.deepEqual(await call(url, 'eth_getFilterChanges', [id]), [])
    const hash = await chain.clients.wallet.writeContract({ address: chain.token.address, abi: chain.token.abi, functionName: 'transfer', args: [chain.node.accounts[2]!.address, 1n] })
    await chain.clients.publicClient.waitForTransactionReceipt({ hash, pollingInterval: 50 })
    const changes = await call<{ transactionHash: string }[]>(url, 'eth_getFilterChanges', [id])
    assert.deepEqual(changes.map((l) => l.transactionHash), [hash])
  })

  it('refuses malformed filters', async () => {
    assert.deepEqual(await callError(chain.node.rpcUrl, 'eth_newFilter', [{ address: '0x12' }]), {
      code: -32602,
      message: 'invalid argument 0: field "address": hex string has length 2, want 40 for common.Address',
    })
    assert.deepEqual(await callError(chain.node.rpcUrl, 'eth_newFilter', [{ fromBlock: 'soon' }]), {
      code: -32602,
      message: 'invalid argument 0: field "fromBlock": invalid block number or tag "soon"',
    })
  })
})
