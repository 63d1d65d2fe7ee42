import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { pad, toEventSelector } from 'viem'
import { startPopulatedNode, type PopulatedNode } from '../chain.ts'
import { call, callError } from '../client.ts'

const transferTopic = toEventSelector('Transfer(address,address,uint256)')

interface LogJSON {
  address: string
  topics: string[]
  blockNumber: string
  blockHash: string
  transactionHash: string
  logIndex: string
  removed: boolean
}

describe('eth_getLogs', () => {
  let chain: PopulatedNode
  before(async () => {
    chain = await startPopulatedNode({ config: { rpc: { logRangeLimit: 2 } } })
  })
  after(async () => chain?.node.stop())

  it('filters by address, range and topics (with null wildcards and alternatives)', async () => {
    const url = chain.node.rpcUrl
    const token = chain.token.address.toLowerCase()
    const all = await call<LogJSON[]>(url, 'eth_getLogs', [{ fromBlock: '0x1', toBlock: 'latest', address: chain.token.address }])
    assert.deepEqual(all.map((l) => [l.blockNumber, l.address, l.topics[0]]), [['0x1', token, transferTopic], ['0x2', token, transferTopic]])
    assert.equal(all[1]!.transactionHash, chain.transferHash)
    assert.equal(all[1]!.removed, false)
    const deployer = pad(chain.node.accounts[0]!.address)
    const toRecipient = await call<LogJSON[]>(url, 'eth_getLogs', [{ fromBlock: '0x1', toBlock: '0x2', topics: [transferTopic, deployer] }])
    assert.deepEqual(toRecipient.map((l) => l.blockNumber), ['0x2'])
    const wildcard = await call<LogJSON[]>(url, 'eth_getLogs', [{ fromBlock: '0x1', toBlock: '0x2', topics: [null, [deployer, pad('0x0')]] }])
    assert.deepEqual(wildcard.map((l) => l.blockNumber), ['0x1', '0x2'])
    assert.deepEqual(await call(url, 'eth_getLogs', [{ fromBlock: '0x1', toBlock: '0x2', address: '0x00000000000000000000000000000000000000ff' }]), [])
  })

  it('filters by block hash', async () => {
    const logs = await call<LogJSON[]>(chain.node.rpcUrl, 'eth_getLogs', [{ blockHash: chain.transferReceipt.blockHash }])
    assert.deepEqual(logs.map((l) => l.transactionHash), [chain.transferHash])
    assert.deepEqual(await callError(chain.node.rpcUrl, 'eth_getLogs', [{ blockHash: `0x${'ab'.repeat(32)}` }]), { code: -32000, message: 'unknown block' })
  })

  it('refuses bad ranges with geth\'s messages and a range over the limit', async () => {
    const url = chain.node.rpcUrl
    assert.deepEqual(await callError(url, 'eth_getLogs', [{ fromBlock: '0x2', toBlock: '0x1' }]), { code: -32602, message: 'invalid block range params' })
    assert.deepEqual(await callError(url, 'eth_getLogs', [{ fromBlock: '0x1', toBlock: '0x9' }]), { code: -32602, message: 'block range extends beyond current head block' })
    assert.deepEqual(await callError(url, 'eth_getLogs', [{ blockHash: chain.transferReceipt.blockHash, fromBlock: '0x1' }]), {
      code: -32602,
      message: 'invalid argument 0: cannot specify both BlockHash and FromBlock/ToBlock, choose one or the other',
    })
    assert.deepEqual(await callError(url, 'eth_getLogs', [{ fromBlock: '0x0', toBlock: '0x2' }]), { code: -32005, message: 'block range of 3 blocks exceeds the limit of 2 blocks' })
  })
})

describe('eth_getLogs result limit', () => {
  let chain: PopulatedNode
  before(async () => {
    chain = await startPopulatedNode({ config: { rpc: { maxLogResults: 1 } } })
  })
  after(async () => chain?.node.stop())

  it('refuses a query matching more logs than the limit with -32005', async () => {
    assert.deepEqual(await callError(chain.node.rpcUrl, 'eth_getLogs', [{ fromBlock: '0x0', toBlock: 'latest' }]), { code: -32005, message: 'query returned more than 1 results' })
    assert.equal((await call<LogJSON[]>(chain.node.rpcUrl, 'eth_getLogs', [{ fromBlock: '0x2', toBlock: '0x2' }])).length, 1)
  })
})
