/**
 * eth_subscribe over one WebSocket connection: newHeads, logs and newPendingTransactions, each a
 * listener on the node's events that pushes `eth_subscription` notifications. Closing the
 * connection removes them all.
 */
import type { NodeEvents, TxReceipt } from '../backend.ts'
import { InvalidParamsError } from '../errors.ts'
import { createFilterId } from './filterId.ts'
import { formatHeader, formatLog, formatTransaction } from './format.ts'
import { toData } from './hex.ts'
import { logMatches } from './logMatch.ts'
import type { FilterCriteria } from './params.ts'

export type SubscriptionSpec =
  | { kind: 'newHeads' }
  | { kind: 'logs'; criteria: Pick<FilterCriteria, 'addresses' | 'topics'> }
  | { kind: 'newPendingTransactions'; fullTransactions: boolean }

/** Sends one notification object to the client. */
export type NotificationSink = (notification: { jsonrpc: '2.0'; method: 'eth_subscription'; params: { subscription: string; result: unknown } }) => void

export class SubscriptionSet {
  private readonly active = new Map<string, () => void>()

  constructor(
    private readonly events: NodeEvents,
    private readonly send: NotificationSink,
  ) {}

  subscribe(spec: SubscriptionSpec): string {
    const id = createFilterId()
    const notify = (result: unknown): void => this.send({ jsonrpc: '2.0', method: 'eth_subscription', params: { subscription: id, result } })
    let stop: () => void
    switch (spec.kind) {
      case 'newHeads':
        stop = this.events.onBlock((sealed) => notify(formatHeader(sealed.block.header, sealed.hash)))
        break
      case 'logs': {
        // As geth: logs of blocks a rewind removed come again with removed: true.
        const each = (_sealed: unknown, receipts: TxReceipt[]) => {
          for (const receipt of receipts) {
            for (const log of receipt.logs) {
              if (logMatches(log, spec.criteria.addresses, spec.criteria.topics)) notify(formatLog(log))
            }
          }
        }
        const stopAdded = this.events.onBlock(each)
        const stopRemoved = this.events.onBlockRemoved?.(each)
        stop = () => {
          stopAdded()
          stopRemoved?.()
        }
        break
      }
      case 'newPendingTransactions':
        stop = this.events.onPendingTransaction((pooled) =>
          notify(spec.fullTransactions ? formatTransaction(pooled.tx, pooled.sender, null) : toData(pooled.hash)),
        )
        break
      default:
        throw new InvalidParamsError('unknown subscription kind')
    }
    this.active.set(id, stop)
    return id
  }

  unsubscribe(id: string): boolean {
    const stop = this.active.get(id.toLowerCase())
    if (stop === undefined) return false
    stop()
    this.active.delete(id.toLowerCase())
    return true
  }

  close(): void {
    for (const stop of this.active.values()) stop()
    this.active.clear()
  }
}
