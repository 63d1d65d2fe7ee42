import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { NodeEvents, PooledTransaction, SealedBlock, TxReceipt } from '../../../node/backend.ts'
import { SubscriptionSet } from '../../../node/rpc/subscriptions.ts'

/** NodeEvents fed by the test, counting live listeners. */
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
  return {
    events,
    emitTx: (hash: Uint8Array) => txListeners.forEach((listener) => listener({ hash } as PooledTransaction)),
    listenerCount: () => blockListeners.size + txListeners.size,
  }
}

describe('SubscriptionSet', () => {
  it('sends eth_subscription notifications with the subscription id', () => {
    const { events, emitTx } = createEvents()
    const sent: unknown[] = []
    const set = new SubscriptionSet(events, (notification) => sent.push(notification))
    const id = set.subscribe({ kind: 'newPendingTransactions', fullTransactions: false })
    emitTx(Uint8Array.of(0xab, 0xcd))
    assert.deepEqual(sent, [{ jsonrpc: '2.0', method: 'eth_subscription', params: { subscription: id, result: '0xabcd' } }])
    set.close()
  })

  it('removes a listener on unsubscribe and all of them on close (connection gone)', () => {
    const { events, listenerCount } = createEvents()
    const set = new SubscriptionSet(events, () => {})
    const heads = set.subscribe({ kind: 'newHeads' })
    set.subscribe({ kind: 'logs', criteria: { addresses: [], topics: [] } })
    set.subscribe({ kind: 'newPendingTransactions', fullTransactions: true })
    assert.equal(listenerCount(), 3)
    assert.equal(set.unsubscribe(heads.toUpperCase().replace('0X', '0x')), true)
    assert.equal(listenerCount(), 2)
    assert.equal(set.unsubscribe(heads), false)
    set.close()
    assert.equal(listenerCount(), 0)
  })
})
