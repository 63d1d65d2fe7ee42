import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { startTestNode, type TestNode } from '../../../helpers/node.ts'
import { sendValue, viemClients } from '../chain.ts'
import { WSClient } from '../client.ts'

describe('eth_unsubscribe', () => {
  let node: TestNode
  before(async () => {
    node = await startTestNode()
  })
  after(async () => node?.stop())

  it('stops notifications of that subscription only', async () => {
    const ws = await WSClient.connect(node.wsUrl)
    try {
      const stopped = await ws.call<string>('eth_subscribe', ['newHeads'])
      const kept = await ws.call<string>('eth_subscribe', ['newHeads'])
      assert.equal(await ws.call('eth_unsubscribe', [stopped]), true)
      assert.equal(await ws.call('eth_unsubscribe', [stopped]), false)
      await sendValue(viemClients(node), node.accounts[1]!.address, 1n)
      await ws.waitForNotifications(kept, 1)
      assert.equal(ws.notifications.filter((n) => n.subscription === stopped).length, 0)
    } finally {
      await ws.close()
    }
  })

  it('does not reach other connections\' subscriptions', async () => {
    const owner = await WSClient.connect(node.wsUrl)
    const stranger = await WSClient.connect(node.wsUrl)
    try {
      const id = await owner.call<string>('eth_subscribe', ['newHeads'])
      assert.equal(await stranger.call('eth_unsubscribe', [id]), false)
      await sendValue(viemClients(node), node.accounts[1]!.address, 1n)
      await owner.waitForNotifications(id, 1)
    } finally {
      await owner.close()
      await stranger.close()
    }
  })
})
