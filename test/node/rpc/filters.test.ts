import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { LogEntry, NodeEvents, PooledTransaction, SealedBlock, TxReceipt } from '../../../node/backend.ts'
import { InvalidInputError } from '../../../node/errors.ts'
import { FilterRegistry } from '../../../node/rpc/filters.ts'
import { parseFilterCriteria } from '../../../node/rpc/params.ts'

/** NodeEvents fed by the test: the registry's only input. */
function createEvents() {
  const blockListeners = new Set<(block: SealedBlock, receipts: TxReceipt[]) => void>()
  const txListeners = new Set<(tx: PooledTransaction) => void>()
  const events: NodeEvents = {
    onBlock: (listener) => {
      blockListeners.add(listener)
      return () => blockListeners.delete(listener)
    },
    onPendingTransaction: (listener) => {
      txListeners.add(listener)
      return () => txListeners.delete(listener)
    },
  }
  const emitBlock = (number: bigint, logs: LogEntry[]) => {
    const block = { hash: Uint8Array.of(Number(number)), block: { header: { number } } } as unknown as SealedBlock
    const receipts = [{ logs } as unknown as TxReceipt]
    for (const listener of blockListeners) listener(block, receipts)
  }
  const emitTx = (hash: Uint8Array) => {
    for (const listener of txListeners) listener({ hash } as PooledTransaction)
  }
  return { events, emitBlock, emitTx, listenerCount: () => blockListeners.size + txListeners.size }
}

const token = new Uint8Array(20).fill(0xaa)
const other = new Uint8Array(20).fill(0xbb)
const transferTopic = new Uint8Array(32).fill(0x01)
const log = (address: Uint8Array, blockNumber: bigint): LogEntry => ({
  address,
  topics: [transferTopic],
  data: new Uint8Array(),
  blockNumber,
  blockHash: new Uint8Array(32),
  blockTimestamp: 0n,
  transactionHash: new Uint8Array(32),
  transactionIndex: 0,
  logIndex: 0,
  removed: false,
})

const notFound = (error: unknown) => error instanceof InvalidInputError && error.message === 'filter not found'

describe('FilterRegistry', () => {
  it('collects matching logs between polls and only those', () => {
    const { events, emitBlock } = createEvents()
    const registry = new FilterRegistry({ events, timeoutMs: 60_000 })
    try {
      const criteria = parseFilterCriteria({ address: `0x${'aa'.repeat(20)}`, topics: [`0x${'01'.repeat(32)}`] }, 'invalid argument 0')
      const id = registry.install({ kind: 'logs', criteria })
      assert.match(id, /^0x[1-9a-f][0-9a-f]*$/)
      emitBlock(1n, [log(token, 1n), log(other, 1n)])
      emitBlock(2n, [log(token, 2n)])
      assert.deepEqual((registry.takeChanges(id) as LogEntry[]).map((l) => l.blockNumber), [1n, 2n])
      assert.deepEqual(registry.takeChanges(id), [])
    } finally {
      registry.close()
    }
  })

  it('respects explicit block bounds of a log filter', () => {
    const { events, emitBlock } = createEvents()
    const registry = new FilterRegistry({ events, timeoutMs: 60_000 })
    try {
      const id = registry.install({ kind: 'logs', criteria: parseFilterCriteria({ fromBlock: '0x2', toBlock: '0x3' }, 'invalid argument 0') })
      for (const n of [1n, 2n, 3n, 4n]) emitBlock(n, [log(token, n)])
      assert.deepEqual((registry.takeChanges(id) as LogEntry[]).map((l) => l.blockNumber), [2n, 3n])
    } finally {
      registry.close()
    }
  })

  it('collects block hashes and pending transaction hashes', () => {
    const { events, emitBlock, emitTx } = createEvents()
    const registry = new FilterRegistry({ events, timeoutMs: 60_000 })
    try {
      const blocks = registry.install({ kind: 'blocks' })
      const pending = registry.install({ kind: 'pendingTransactions' })
      emitBlock(5n, [])
      emitTx(Uint8Array.of(9))
      assert.deepEqual(registry.takeChanges(blocks), [Uint8Array.of(5)])
      assert.deepEqual(registry.takeChanges(pending), [Uint8Array.of(9)])
    } finally {
      registry.close()
    }
  })

  it('uninstalls, and fails unknown ids with geth\'s message', () => {
    const { events } = createEvents()
    const registry = new FilterRegistry({ events, timeoutMs: 60_000 })
    try {
      const id = registry.install({ kind: 'blocks' })
      assert.equal(registry.uninstall(id), true)
      assert.equal(registry.uninstall(id), false)
      assert.throws(() => registry.takeChanges(id), notFound)
    } finally {
      registry.close()
    }
  })

  it('drops a filter left unpolled past the timeout, and polling keeps it alive', () => {
    const { events } = createEvents()
    let now = 1_000_000
    const registry = new FilterRegistry({ events, timeoutMs: 300_000, now: () => now })
    try {
      const polled = registry.install({ kind: 'blocks' })
      const idle = registry.install({ kind: 'blocks' })
      now += 200_000
      registry.takeChanges(polled)
      now += 200_000
      registry.takeChanges(polled)
      assert.throws(() => registry.takeChanges(idle), notFound)
      assert.equal(registry.size, 1)
    } finally {
      registry.close()
    }
  })

  it('stops listening to node events when closed', () => {
    const { events, listenerCount } = createEvents()
    const registry = new FilterRegistry({ events, timeoutMs: 60_000 })
    assert.equal(listenerCount(), 2)
    registry.close()
    assert.equal(listenerCount(), 0)
  })
})
