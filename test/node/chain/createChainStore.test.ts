import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { createTx } from '@ethereumjs/tx'
import { bigIntToUnpaddedBytes, bytesToHex, generateAddress, hexToBytes } from '@ethereumjs/util'
import { startTestNode, type TestNode } from '../../helpers/node.ts'
import { createChainCommon } from '../../../node/execution/chainCommon.ts'

const common = createChainCommon({ chainId: 73404n })
/** Deploys a runtime that emits LOG1(topic = first calldata word, data = 32-byte 0x2a). */
const EMITTER_INIT = hexToBytes('0x600e600c600039600e6000f3602a60005260003560206000a100')
let t: TestNode
let emitter: Uint8Array
let nonce = 0n

async function send(data: Uint8Array, to?: Uint8Array): Promise<void> {
  const tx = createTx(
    { type: 2, nonce: nonce++, maxFeePerGas: 10n ** 10n, maxPriorityFeePerGas: 1n, gasLimit: 200_000n, data, ...(to ? { to } : {}) },
    { common },
  ).sign(hexToBytes(t.accounts[0]!.privateKey))
  await t.node.backend.txpool.add(tx.serialize())
}

const topic = (n: number) => hexToBytes(`0x${n.toString(16).padStart(64, '0')}`)

before(async () => {
  t = await startTestNode({ blockTimeMs: 60_000, config: { rpc: { logRangeLimit: 5, maxLogResults: 3 } } })
  const sender = hexToBytes(t.accounts[0]!.address)
  await send(EMITTER_INIT)
  await t.node.sealBlock() // block 1: deploy
  emitter = generateAddress(sender, bigIntToUnpaddedBytes(0n))
  await send(topic(1), emitter)
  await send(topic(2), emitter)
  await t.node.sealBlock() // block 2: two logs
  await t.node.sealBlock() // block 3: empty
  await send(topic(1), emitter)
  await t.node.sealBlock() // block 4: one log
})

after(() => t.stop())

test('blocks by number and hash, tags, tx locations', async () => {
  const chain = t.node.backend.chain
  assert.equal(chain.head().block.header.number, 4n)
  assert.equal(chain.numberOfTag('latest'), 4n)
  assert.equal(chain.numberOfTag('pending'), 4n)
  assert.equal(chain.numberOfTag('earliest'), 0n)
  assert.equal(chain.numberOfTag('safe'), 0n)
  assert.equal(chain.numberOfTag('finalized'), 0n)
  const block2 = await chain.getBlockByNumber(2n)
  assert.ok(block2)
  assert.equal(bytesToHex((await chain.getBlockByHash(block2.hash))!.hash), bytesToHex(block2.hash))
  assert.equal(await chain.getBlockByNumber(5n), undefined)
  assert.equal(await chain.getBlockByHash(new Uint8Array(32)), undefined)
  assert.equal(await chain.getReceipts(new Uint8Array(32)), undefined)
  const tx = block2.block.transactions[1]!
  assert.deepEqual(await chain.getTransactionLocation(tx.hash()), { blockHash: block2.hash, blockNumber: 2n, index: 1 })
  assert.equal(await chain.getTransactionLocation(new Uint8Array(32)), undefined)
  const receipts = await chain.getReceipts(block2.hash)
  assert.deepEqual(receipts?.map((r) => [r.transactionIndex, r.logs.map((l) => l.logIndex)]), [[0, [0]], [1, [1]]])
  assert.equal(bytesToHex(receipts![1]!.from), t.accounts[0]!.address)
  assert.equal(bytesToHex(receipts![1]!.to!), bytesToHex(emitter))
  await (t.node.chain.setSafe(2n))
  await (t.node.chain.setFinalized(1n))
  assert.equal(chain.numberOfTag('safe'), 2n)
  assert.equal(chain.numberOfTag('finalized'), 1n)
  await assert.rejects(t.node.chain.setSafe(99n), { name: 'StorageError', message: 'cannot mark unknown block 99 safe' })
})

test('getLogs filters by address and topics, in chain order, with positions', async () => {
  const chain = t.node.backend.chain
  const all = await chain.getLogs({ fromBlock: 0n, toBlock: 4n, addresses: [], topics: [] })
  assert.deepEqual(all.map((l) => [l.blockNumber, l.transactionIndex, l.logIndex, bytesToHex(l.topics[0]!)]), [
    [2n, 0, 0, bytesToHex(topic(1))],
    [2n, 1, 1, bytesToHex(topic(2))],
    [4n, 0, 0, bytesToHex(topic(1))],
  ])
  const block4 = await chain.getBlockByNumber(4n)
  assert.equal(bytesToHex(all[2]!.blockHash), bytesToHex(block4!.hash))
  assert.equal(all[2]!.blockTimestamp, block4!.block.header.timestamp)
  assert.equal(bytesToHex(all[2]!.transactionHash), bytesToHex(block4!.block.transactions[0]!.hash()))
  const ones = await chain.getLogs({ fromBlock: 0n, toBlock: 4n, addresses: [emitter], topics: [[topic(1)]] })
  assert.deepEqual(ones.map((l) => l.blockNumber), [2n, 4n])
  const either = await chain.getLogs({ fromBlock: 2n, toBlock: 2n, addresses: [], topics: [[topic(2), topic(1)]] })
  assert.equal(either.length, 2)
  assert.equal((await chain.getLogs({ fromBlock: 0n, toBlock: 4n, addresses: [new Uint8Array(20)], topics: [] })).length, 0)
  assert.equal((await chain.getLogs({ fromBlock: 0n, toBlock: 4n, addresses: [], topics: [null, [topic(1)]] })).length, 0)
  assert.equal((await chain.getLogs({ fromBlock: 3n, toBlock: 6n, addresses: [], topics: [] })).length, 1, 'toBlock past head is clamped')
})

test('getLogs limits: block range and result count', async () => {
  const chain = t.node.backend.chain
  await assert.rejects(chain.getLogs({ fromBlock: 0n, toBlock: 5n, addresses: [], topics: [] }), (error: Error) => {
    assert.equal(error.name, 'LimitExceededError')
    assert.equal(error.message, 'query exceeds max block range 5')
    return true
  })
  // Four matching logs would exceed maxLogResults 3.
  await send(topic(3), emitter)
  await t.node.sealBlock()
  await assert.rejects(chain.getLogs({ fromBlock: 1n, toBlock: 5n, addresses: [], topics: [] }), {
    name: 'LimitExceededError',
    message: 'query returned more than 3 results',
  })
})
