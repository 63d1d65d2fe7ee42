import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { startTestNode, type TestNode } from '../../../helpers/node.ts'
import { sendValue, viemClients } from '../chain.ts'
import { call } from '../client.ts'

describe('eth_newBlockFilter', () => {
  let node: TestNode
  before(async () => {
    node = await startTestNode()
  })
  after(async () => node?.stop())

  it('collects the hashes of blocks sealed after it was installed', async () => {
    const id = await call<string>(node.rpcUrl, 'eth_newBlockFilter')
    const first = await sendValue(viemClients(node), node.accounts[1]!.address, 1n)
    const second = await sendValue(viemClients(node), node.accounts[1]!.address, 1n)
    assert.deepEqual(await call(node.rpcUrl, 'eth_getFilterChanges', [id]), [first.blockHash, second.blockHash])
    assert.deepEqual(await call(node.rpcUrl, 'eth_getFilterChanges', [id]), [])
  })

  it('works through viem\'s block watcher', async () => {
    const { publicClient } = viemClients(node)
    const filter = await publicClient.createBlockFilter()
    const receipt = await sendValue(viemClients(node), node.accounts[1]!.address, 1n)
    assert.deepEqual(await publicClient.getFilterChanges({ filter }), [receipt.blockHash])
  })
})
