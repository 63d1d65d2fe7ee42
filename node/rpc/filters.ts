/**
 * Polled filters (eth_newFilter, eth_newBlockFilter, eth_newPendingTransactionFilter): each buffers
 * what happened since its last poll, fed by the node's events (never by polling the store). A filter
 * not polled for `timeoutMs` is removed, as geth does after 5 minutes.
 */
import type { LogEntry, NodeEvents, TxReceipt } from '../backend.ts'
import { InvalidInputError } from '../errors.ts'
import { createFilterId } from './filterId.ts'
import { logMatches } from './logMatch.ts'
import type { FilterCriteria } from './params.ts'

export type InstalledFilter =
  | { kind: 'logs'; criteria: FilterCriteria; logs: LogEntry[]; lastPoll: number }
  | { kind: 'blocks'; hashes: Uint8Array[]; lastPoll: number }
  | { kind: 'pendingTransactions'; hashes: Uint8Array[]; lastPoll: number }

export type FilterSpec = { kind: 'logs'; criteria: FilterCriteria } | { kind: 'blocks' } | { kind: 'pendingTransactions' }

export interface FilterRegistryOptions {
  events: NodeEvents
  timeoutMs: number
  /** Clock in ms; injectable for tests. */
  now?: () => number
}

export class FilterRegistry {
  private readonly filters = new Map<string, InstalledFilter>()
  private readonly timeoutMs: number
  private readonly now: () => number
  private readonly unsubscribe: (() => void)[]
  private readonly sweeper: NodeJS.Timeout

  constructor(options: FilterRegistryOptions) {
    this.timeoutMs = options.timeoutMs
    this.now = options.now ?? Date.now
    this.unsubscribe = [
      options.events.onBlock((sealed, receipts) => {
        if (this.filters.size === 0) return
        for (const filter of this.filters.values()) if (filter.kind === 'blocks') filter.hashes.push(sealed.hash)
        this.collectLogs(sealed.block.header.number, receipts)
      }),
      // As geth: a log filter hears again, with removed: true, the logs of blocks a rewind removed.
      options.events.onBlockRemoved?.((sealed, receipts) => this.collectLogs(sealed.block.header.number, receipts)) ?? (() => undefined),
      options.events.onPendingTransaction((pooled) => {
        for (const filter of this.filters.values()) {
          if (filter.kind === 'pendingTransactions') filter.hashes.push(pooled.hash)
        }
      }),
    ]
    this.sweeper = setInterval(() => this.sweep(), Math.max(1_000, Math.min(this.timeoutMs, 30_000)))
    this.sweeper.unref()
  }

  private collectLogs(number: bigint, receipts: TxReceipt[]): void {
    if (this.filters.size === 0) return
    const logs = receipts.flatMap((receipt) => receipt.logs)
    for (const filter of this.filters.values()) {
      if (filter.kind !== 'logs' || !inRange(filter.criteria, number)) continue
      for (const log of logs) {
        if (logMatches(log, filter.criteria.addresses, filter.criteria.topics)) filter.logs.push(log)
      }
    }
  }

  install(spec: FilterSpec): string {
    const id = createFilterId()
    const lastPoll = this.now()
    const filter: InstalledFilter =
      spec.kind === 'logs' ? { kind: 'logs', criteria: spec.criteria, logs: [], lastPoll } : { kind: spec.kind, hashes: [], lastPoll }
    this.filters.set(id, filter)
    return id
  }

  /** The filter with this id, marking it polled; throws geth's `filter not found`. */
  get(id: string): InstalledFilter {
    this.sweep()
    const filter = this.filters.get(id.toLowerCase())
    if (filter === undefined) throw new InvalidInputError('filter not found')
    filter.lastPoll = this.now()
    return filter
  }

  /** What the filter collected since its last poll: log entries, or block / transaction hashes. */
  takeChanges(id: string): LogEntry[] | Uint8Array[] {
    const filter = this.get(id)
    if (filter.kind === 'logs') {
      const logs = filter.logs
      filter.logs = []
      return logs
    }
    const hashes = filter.hashes
    filter.hashes = []
    return hashes
  }

  uninstall(id: string): boolean {
    return this.filters.delete(id.toLowerCase())
  }

  get size(): number {
    return this.filters.size
  }

  close(): void {
    clearInterval(this.sweeper)
    for (const stop of this.unsubscribe) stop()
    this.filters.clear()
  }

  private sweep(): void {
    const cutoff = this.now() - this.timeoutMs
    for (const [id, filter] of this.filters) {
      if (filter.lastPoll < cutoff) this.filters.delete(id)
    }
  }
}

/** Only explicit block numbers bound a polled log filter; tags follow the head. */
function inRange(criteria: FilterCriteria, number: bigint): boolean {
  if (criteria.blockHash !== undefined) return false
  if (criteria.fromBlock.kind === 'number' && number < criteria.fromBlock.number) return false
  if (criteria.toBlock.kind === 'number' && number > criteria.toBlock.number) return false
  return true
}
