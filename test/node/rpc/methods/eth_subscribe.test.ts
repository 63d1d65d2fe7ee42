import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { keccak256 } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { startTestNode, type TestNode } from '../../../helpers/node.ts'
import { deployToken, devChainId, sendValue, viemClients } from '../chain.ts'
import { WSClient } from '../client.ts'
import { assertResultSchema } from '../schema.ts'

describe('eth_subscribe', () => {
  let node: TestNode
  let ws: WSClient
  before(async () => {
    node = await startTestNode()
    ws = await WSClient.connect(node.wsUrl)
  })
  after(async () => {
    await ws?.close()
    await node?.stop()
  })

  it('newHeads: one header per sealed block', async () => {
    const id = await ws.call<string>('eth_subscribe', ['newHeads'])
    const receipt = await sendValue(viemClients(node), node.accounts[1]!.address, 1n)
    const [head] = (await ws.waitForNotifications(id, 1)) as { hash: string; number: string }[]
    assertResultSchema('notification:newHeads', head)
    assert.equal(head!.hash, receipt.blockHash)
    assert.equal(head!.number, `0x${receipt.blockNumber.toString(16)}`)
  })

  it('logs: matching logs of new blocks', async () => {
    const clients = viemClients(node)
    const any = await ws.call<string>('eth_subscribe', ['logs', {}])
    const token = await deployToken(clients, 10n)
    const [log] = (await ws.waitForNotifications(any, 1)) as { address: string; transactionHash: string }[]
    assertResultSchema('notification:logs', log)
    assert.equal(log!.address, token.address.toLowerCase())
    assert.equal(log!.transactionHash, token.deployHash)
    const other = await ws.call<string>('eth_subscribe', ['logs', { address: '0x00000000000000000000000000000000000000ff' }])
    await sendValue(clients, node.accounts[1]!.address, 1n)
    const hash = await clients.wallet.writeContract({ address: token.address, abi: token.abi, functionName: 'transfer', args: [node.accounts[1]!.address, 1n] })
    await clients.publicClient.waitForTransactionReceipt({ hash, pollingInterval: 50 })
    await ws.waitForNotifications(any, 2)
    assert.equal(ws.notifications.filter((n) => n.subscription === other).length, 0)
  })

  it('newPendingTransactions: hashes, or full txs when asked', async () => {
    const hashes = await ws.call<string>('eth_subscribe', ['newPendingTransactions'])
    const full = await ws.call<string>('eth_subscribe', ['newPendingTransactions', true])
    const account = privateKeyToAccount(node.accounts[6]!.privateKey)
    const raw = await account.signTransaction({ chainId: devChainId, nonce: 0, to: node.accounts[1]!.address, value: 1n, gas: 21_000n, maxFeePerGas: 10n ** 10n, maxPriorityFeePerGas: 1n })
    await ws.call('eth_sendRawTransaction', [raw])
    const [hash] = await ws.waitForNotifications(hashes, 1)
    assertResultSchema('notification:newPendingTransactions', hash)
    assert.equal(hash, keccak256(raw))
    const [tx] = (await ws.waitForNotifications(full, 1)) as { hash: string; blockHash: null }[]
    assertResultSchema('component:PendingTransactionInfo', tx)
    assert.equal(tx!.hash, keccak256(raw))
  })

  it('refuses unknown kinds', async () => {
    const reply = await ws.request('eth_subscribe', ['syncing'])
    assert.deepEqual(reply.error, { code: -32602, message: 'no "syncing" subscription in eth namespace' })
  })
})
