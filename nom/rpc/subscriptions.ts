/**
 * `ledger.subscribe` with exactly-once, in-order delivery across reconnects.
 *
 * The node only notifies live (confirmed) data, so after a dropped socket the client resubscribes
 * and backfills what it missed from the ledger before releasing live frames again:
 * - momentums: everything above the last delivered height (ledger.getMomentumsByHeight); a gap
 *   in live heights triggers the same backfill;
 * - block topics: every momentum from the one that confirmed the last delivered block (or the
 *   frontier at subscribe time) up to the frontier (ledger.getDetailedMomentumsByHeight),
 *   flattened and filtered as go-zenon's subscribe server does; hashes already delivered are skipped.
 * Frames arriving while a backfill runs are buffered and delivered after it, deduplicated.
 */
import type { AccountBlock, Address, Hash } from '../types.ts'
import { BlockType } from '../types.ts'
import { formatAddress } from '../address.ts'
import { bytesEqual, toHex } from '../hash.ts'
import { readArray } from '../jsonReader.ts'
import type { NoMClient } from './client.ts'
import type { WSTransport } from './wsTransport.ts'
import type { SubscriptionFrame } from './jsonrpc.ts'
import type { BlockNotification, MomentumNotification } from './results.ts'
import { blockNotificationFromJSON, momentumNotificationFromJSON } from './results.ts'

export type MomentumsHandler = (items: MomentumNotification[]) => void
export type BlocksHandler = (items: BlockNotification[]) => void

export type AccountBlocksFilter =
  | { topic: 'allAccountBlocks' }
  | { topic: 'accountBlocksByAddress'; address: Address }
  | { topic: 'unreceivedAccountBlocksByAddress'; address: Address }

export interface SubscriptionOptions {
  /** Called when a resubscribe/backfill fails (it is retried on the next reconnect) or a frame does not decode. */
  onError?: (e: Error) => void
}

export interface NoMSubscription {
  unsubscribe(): Promise<void>
}

const PAGE = 100
const SEEN_LIMIT = 8192

type Kind = { kind: 'momentums'; handler: MomentumsHandler } | { kind: 'blocks'; filter: AccountBlocksFilter; handler: BlocksHandler }

function isSend(t: BlockType): boolean {
  return t === BlockType.UserSend || t === BlockType.ContractSend
}

/** go-zenon's newAccountBlock: the block, then its descendants (recursively). */
export function flattenBlock(b: AccountBlock): BlockNotification[] {
  const out: BlockNotification[] = [
    { blockType: b.blockType, hash: b.hash, height: b.height, address: b.address, toAddress: b.toAddress, fromHash: b.fromBlockHash },
  ]
  for (const d of b.descendantBlocks) out.push(...flattenBlock(d))
  return out
}

export function matchesFilter(filter: AccountBlocksFilter, n: BlockNotification): boolean {
  switch (filter.topic) {
    case 'allAccountBlocks':
      return true
    case 'accountBlocksByAddress':
      return bytesEqual(n.address, filter.address)
    case 'unreceivedAccountBlocksByAddress':
      return isSend(n.blockType) && bytesEqual(n.toAddress, filter.address)
  }
}

class ManagedSubscription {
  serverId: string | undefined
  syncing = true
  needsResubscribe = true
  needsSync = false
  closed = false
  buffer: unknown[] = []
  /** momentums: last delivered height. */
  lastHeight: bigint | undefined
  /** blocks: every block confirmed at or below this height has been delivered or predates the subscription. */
  anchorHeight: bigint | undefined
  lastBlockHash: Hash | undefined
  seen = new Set<string>()
  seenOrder: string[] = []

  constructor(
    readonly kind: Kind,
    readonly options: SubscriptionOptions,
  ) {}

  params(): unknown[] {
    if (this.kind.kind === 'momentums') return ['momentums']
    const f = this.kind.filter
    return f.topic === 'allAccountBlocks' ? [f.topic] : [f.topic, formatAddress(f.address)]
  }

  markSeen(hash: Hash): boolean {
    const key = toHex(hash)
    if (this.seen.has(key)) return false
    this.seen.add(key)
    this.seenOrder.push(key)
    if (this.seenOrder.length > SEEN_LIMIT) this.seen.delete(this.seenOrder.shift()!)
    return true
  }
}

export class SubscriptionManager {
  private readonly subs = new Set<ManagedSubscription>()
  private readonly byServerId = new Map<string, ManagedSubscription>()
  private readonly unrouted = new Map<string, unknown[]>()
  private readonly offFrame: () => void
  private readonly offReconnect: () => void

  constructor(
    private readonly transport: WSTransport,
    private readonly client: NoMClient,
  ) {
    this.offFrame = transport.onSubscriptionFrame((f) => this.onFrame(f))
    this.offReconnect = transport.onReconnect(() => {
      for (const s of this.subs) {
        if (s.serverId !== undefined) this.byServerId.delete(s.serverId)
        s.serverId = undefined
        s.needsResubscribe = true
        void this.sync(s)
      }
    })
  }

  close(): void {
    this.offFrame()
    this.offReconnect()
    for (const s of this.subs) s.closed = true
    this.subs.clear()
    this.byServerId.clear()
  }

  subscribeMomentums(handler: MomentumsHandler, options: SubscriptionOptions = {}): Promise<NoMSubscription> {
    return this.start(new ManagedSubscription({ kind: 'momentums', handler }, options))
  }

  subscribeAccountBlocks(filter: AccountBlocksFilter, handler: BlocksHandler, options: SubscriptionOptions = {}): Promise<NoMSubscription> {
    return this.start(new ManagedSubscription({ kind: 'blocks', filter, handler }, options))
  }

  private async start(s: ManagedSubscription): Promise<NoMSubscription> {
    this.subs.add(s)
    try {
      await this.resubscribe(s)
      const frontier = (await this.client.getFrontierMomentum()).height
      if (s.kind.kind === 'momentums') {
        // momentums already buffered (broadcast after subscribing) are delivered, not skipped
        let base = frontier
        for (const frame of s.buffer) {
          for (const item of Array.isArray(frame) ? frame : []) {
            const h = (item as { height?: unknown }).height
            if (typeof h === 'number' && BigInt(h) - 1n < base) base = BigInt(h) - 1n
          }
        }
        s.lastHeight = base
      } else s.anchorHeight = frontier
      this.flush(s)
      s.syncing = false
      if (s.needsSync || s.needsResubscribe) void this.sync(s)
    } catch (e) {
      this.subs.delete(s)
      s.closed = true
      throw e
    }
    return {
      unsubscribe: async () => {
        s.closed = true
        this.subs.delete(s)
        const id = s.serverId
        if (id !== undefined) {
          this.byServerId.delete(id)
          if (this.transport.isOpen) await this.client.call('ledger.unsubscribe', [id])
        }
      },
    }
  }

  private async resubscribe(s: ManagedSubscription): Promise<void> {
    const id = await this.client.call('ledger.subscribe', s.params())
    if (typeof id !== 'string') throw new TypeError(`ledger.subscribe returned ${JSON.stringify(id)}, expected an id string`)
    s.needsResubscribe = false
    s.serverId = id
    this.byServerId.set(id, s)
    const early = this.unrouted.get(id)
    if (early !== undefined) {
      this.unrouted.delete(id)
      s.buffer.push(...early)
    }
  }

  private onFrame(f: SubscriptionFrame): void {
    const s = this.byServerId.get(f.subscription)
    if (s === undefined) {
      // a frame can beat the subscribe answer's continuation; keep a few until it is routed
      const list = this.unrouted.get(f.subscription) ?? []
      if (list.length < 1000) list.push(f.result)
      this.unrouted.set(f.subscription, list)
      if (this.unrouted.size > 64) this.unrouted.delete(this.unrouted.keys().next().value!)
      return
    }
    if (s.closed) return
    if (s.syncing) {
      s.buffer.push(f.result)
      return
    }
    this.deliverFrame(s, f.result)
  }

  private report(s: ManagedSubscription, e: unknown): void {
    s.options.onError?.(e instanceof Error ? e : new Error(String(e)))
  }

  private deliverFrame(s: ManagedSubscription, result: unknown): void {
    try {
      const items = readArray(result, 'notification')
      if (s.kind.kind === 'momentums') {
        const ms = items.map((i) => momentumNotificationFromJSON(i))
        const fresh: MomentumNotification[] = []
        for (const m of ms) {
          if (s.lastHeight !== undefined && m.height <= s.lastHeight) continue
          if (s.lastHeight !== undefined && m.height > s.lastHeight + 1n) {
            // a gap: fetch what is missing first, then this frame again from the buffer
            if (fresh.length > 0) this.emitMomentums(s, fresh)
            s.buffer.unshift(items.filter((i) => (i as { height: number }).height >= Number(m.height)))
            s.needsSync = true
            void this.sync(s)
            return
          }
          fresh.push(m)
          s.lastHeight = m.height
        }
        if (fresh.length > 0) s.kind.handler(fresh)
      } else {
        const bs = items.map((i) => blockNotificationFromJSON(i))
        this.emitBlocks(s, bs)
      }
    } catch (e) {
      this.report(s, e)
    }
  }

  private emitMomentums(s: ManagedSubscription, ms: MomentumNotification[]): void {
    if (s.kind.kind === 'momentums' && ms.length > 0) s.kind.handler(ms)
  }

  private emitBlocks(s: ManagedSubscription, bs: BlockNotification[]): void {
    if (s.kind.kind !== 'blocks') return
    const fresh = bs.filter((b) => s.markSeen(b.hash))
    if (fresh.length === 0) return
    s.lastBlockHash = fresh[fresh.length - 1]!.hash
    s.kind.handler(fresh)
  }

  private flush(s: ManagedSubscription): void {
    while (s.buffer.length > 0 && !s.closed) {
      const frame = s.buffer.shift()
      s.syncing = false
      this.deliverFrame(s, frame)
      if (s.needsSync) {
        s.syncing = true
        return
      }
    }
  }

  private running = new WeakMap<ManagedSubscription, Promise<void>>()

  /** Serialized per subscription: resubscribe if needed, backfill, then release buffered frames. */
  private sync(s: ManagedSubscription): Promise<void> {
    const prev = this.running.get(s)
    if (prev !== undefined) {
      s.needsSync = true
      return prev
    }
    const run = (async () => {
      s.syncing = true
      try {
        do {
          s.needsSync = false
          if (s.closed) return
          if (s.needsResubscribe) await this.resubscribe(s)
          await this.backfill(s)
          this.flush(s)
        } while (s.needsSync && !s.closed)
        s.syncing = false
      } catch (e) {
        // stays in syncing mode; the next reconnect (or gap) starts over
        this.report(s, e)
      } finally {
        this.running.delete(s)
      }
    })()
    this.running.set(s, run)
    return run
  }

  private async backfill(s: ManagedSubscription): Promise<void> {
    const frontier = (await this.client.getFrontierMomentum()).height
    if (s.kind.kind === 'momentums') {
      let next = (s.lastHeight ?? frontier) + 1n
      while (next <= frontier && !s.closed) {
        const count = frontier - next + 1n > BigInt(PAGE) ? BigInt(PAGE) : frontier - next + 1n
        const page = await this.client.getMomentumsByHeight(next, count)
        const fresh: MomentumNotification[] = []
        for (const m of page.list) {
          if (s.lastHeight !== undefined && m.height <= s.lastHeight) continue
          fresh.push({ hash: m.hash, height: m.height })
          s.lastHeight = m.height
        }
        this.emitMomentums(s, fresh)
        if (page.list.length === 0) break
        next = page.list[page.list.length - 1]!.height + 1n
      }
      return
    }
    let from = (s.anchorHeight ?? frontier) + 1n
    if (s.lastBlockHash !== undefined) {
      const b = await this.client.getAccountBlockByHash(s.lastBlockHash)
      const h = b?.confirmationDetail?.momentumHeight
      if (h !== undefined && h < from) from = h
    }
    const filter = s.kind.filter
    while (from <= frontier && !s.closed) {
      const count = frontier - from + 1n > BigInt(PAGE) ? BigInt(PAGE) : frontier - from + 1n
      const page = await this.client.getDetailedMomentumsByHeight(from, count)
      for (const d of page.list) {
        const inMomentum = new Set<string>()
        const items: BlockNotification[] = []
        for (const b of d.blocks) {
          for (const n of flattenBlock(b)) {
            const key = toHex(n.hash)
            if (inMomentum.has(key)) continue
            inMomentum.add(key)
            if (matchesFilter(filter, n)) items.push(n)
          }
        }
        this.emitBlocks(s, items)
        s.anchorHeight = d.momentum.height
      }
      if (page.list.length === 0) break
      from = page.list[page.list.length - 1]!.momentum.height + 1n
    }
    if (s.anchorHeight === undefined || s.anchorHeight < frontier) s.anchorHeight = frontier
  }
}
