import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { decodeEventLog, encodeFunctionData, getAddress, parseAbiItem, type Hex } from 'viem'
import { startTestNode, type TestNode } from '../../../helpers/node.ts'
import { deployToken, viemClients, type Clients, type DeployedToken } from '../chain.ts'
import { WSClient, call } from '../client.ts'

describe('ERC-20 end to end with viem', () => {
  let node: TestNode
  let clients: Clients
  let token: DeployedToken
  let recipient: Hex

  before(async () => {
    node = await startTestNode()
    clients = viemClients(node)
    recipient = node.accounts[1]!.address
    token = await deployToken(clients, 1000n)
  })
  after(async () => node?.stop())

  it('deploys: code at the address, supply with the deployer, Transfer from zero in the receipt', async () => {
    const code = await clients.publicClient.getCode({ address: token.address })
    assert.ok(code !== undefined && code.length > 2)
    const balance = await clients.publicClient.readContract({ address: token.address, abi: token.abi, functionName: 'balanceOf', args: [clients.account.address] })
    assert.equal(balance, 1000n)
    assert.equal(token.receipt.logs.length, 1)
    const event = decodeEventLog({ abi: token.abi, ...token.receipt.logs[0]! })
    assert.equal(event.eventName, 'Transfer')
  })

  it('transfers and reads Transfer logs by filter, by getLogs and by WS subscription', async () => {
    const ws = await WSClient.connect(node.wsUrl)
    try {
      const subscription = await ws.call<string>('eth_subscribe', ['logs', { address: token.address }])
      const filterId = await clients.publicClient.createContractEventFilter({ address: token.address, abi: token.abi, eventName: 'Transfer' })

      const estimate = await clients.publicClient.estimateContractGas({
        address: token.address,
        abi: token.abi,
        functionName: 'transfer',
        args: [recipient, 25n],
        account: clients.account,
      })
      assert.ok(estimate > 21_000n && estimate < 100_000n, `estimate ${estimate}`)

      const hash = await clients.wallet.writeContract({ address: token.address, abi: token.abi, functionName: 'transfer', args: [recipient, 25n] })
      const receipt = await clients.publicClient.waitForTransactionReceipt({ hash, pollingInterval: 50 })
      assert.equal(receipt.status, 'success')
      assert.ok(receipt.gasUsed <= estimate, `gas used ${receipt.gasUsed} > estimate ${estimate}`)

      const changes = (await clients.publicClient.getFilterChanges({ filter: filterId })) as unknown as { eventName: string; args: unknown; transactionHash: Hex }[]
      assert.equal(changes.length, 1)
      assert.equal(changes[0]!.eventName, 'Transfer')
      assert.deepEqual(changes[0]!.args, { from: clients.account.address, to: getAddress(recipient), value: 25n })
      assert.equal(changes[0]!.transactionHash, hash)

      const logs = await clients.publicClient.getLogs({ address: token.address, event: parseAbiItem('event Transfer(address indexed from, address indexed to, uint256 value)'), fromBlock: 0n })
      assert.equal(logs.length, 2)
      assert.deepEqual(logs[1]!.args, { from: clients.account.address, to: getAddress(recipient), value: 25n })

      const [notification] = (await ws.waitForNotifications(subscription, 1)) as { transactionHash: string; topics: string[]; data: string }[]
      assert.equal(notification!.transactionHash, hash)
      const decoded = decodeEventLog({ abi: token.abi, topics: notification!.topics as [Hex], data: notification!.data as Hex })
      assert.deepEqual(decoded.args, { from: clients.account.address, to: getAddress(recipient), value: 25n })
    } finally {
      await ws.close()
    }
  })

  it('eth_call reads balances and returns the ABI-encoded result', async () => {
    const balance = await clients.publicClient.readContract({ address: token.address, abi: token.abi, functionName: 'balanceOf', args: [recipient] })
    assert.equal(balance, 25n)
    const raw = await call<string>(node.rpcUrl, 'eth_call', [
      { to: token.address, input: encodeFunctionData({ abi: token.abi, functionName: 'totalSupply' }) },
      'latest',
    ])
    assert.equal(BigInt(raw), 1000n)
  })
})
