/**
 * `ledger.subscribe` topics over WebSocket. Notifications go out only when a momentum is
 * inserted, so they carry confirmed data only, each momentum and block once, in chain order.
 */
import { randomBytes } from 'node:crypto'
import type { AccountBlock, Address } from '../../types.ts'
import { BlockType } from '../../types.ts'
import type { InsertedMomentum } from '../ledger/ledger.ts'
import { formatAddress } from '../../address.ts'
import { bytesEqual, toHex } from '../../hash.ts'
import { RPCCode, RPCServerError, invalidArgument } from './errors.ts'
import { parseAddress } from '../../address.ts'

export type Topic =
  | { kind: 'momentums' }
  | { kind: 'allAccountBlocks' }
  | { kind: 'accountBlocksByAddress'; address: Address }
  | { kind: 'unreceivedAccountBlocksByAddress'; address: Address }

interface Subscription {
  connection: object
  topic: Topic
  deliver: (frame: string) => void
}

/** Reads `[topic, address?]` as go-zenon's subscribe methods take them. */
export function parseTopic(params: unknown[]): Topic {
  const name = params[0]
  const needAddress = (): Address => {
    const v = params[1]
    if (typeof v !== 'string') throw invalidArgument(1, 'expected an address string')
    try {
      return parseAddress(v)
    } catch (e) {
      throw invalidArgument(1, (e as Error).message)
    }
  }
  switch (name) {
    case 'momentums':
      return { kind: 'momentums' }
    case 'allAccountBlocks':
      return { kind: 'allAccountBlocks' }
    case 'accountBlocksByAddress':
      return { kind: 'accountBlocksByAddress', address: needAddress() }
    case 'unreceivedAccountBlocksByAddress':
      return { kind: 'unreceivedAccountBlocksByAddress', address: needAddress() }
    default:
      throw new RPCServerError(RPCCode.methodNotFound, `no "${String(name)}" subscription in ledger namespace`)
  }
}

function blockHeader(b: AccountBlock): Record<string, unknown> {
  return {
    blockType: b.blockType,
    hash: toHex(b.hash),
    height: Number(b.height),
    address: formatAddress(b.address),
    toAddress: formatAddress(b.toAddress),
    fromHash: toHex(b.fromBlockHash),
  }
}

function matches(topic: Topic, b: AccountBlock): boolean {
  switch (topic.kind) {
    case 'allAccountBlocks':
      return true
    case 'accountBlocksByAddress':
      return bytesEqual(b.address, topic.address)
    case 'unreceivedAccountBlocksByAddress':
      return (b.blockType === BlockType.UserSend || b.blockType === BlockType.ContractSend) && bytesEqual(b.toAddress, topic.address)
    case 'momentums':
      return false
  }
}

export class Subscriptions {
  private readonly subs = new Map<string, Subscription>()

  subscribe(connection: object, deliver: (frame: string) => void, topic: Topic): string {
    const id = `0x${randomBytes(16).toString('hex')}`
    this.subs.set(id, { connection, topic, deliver })
    return id
  }

  unsubscribe(connection: object, id: unknown): boolean {
    const s = typeof id === 'string' ? this.subs.get(id) : undefined
    if (s === undefined || s.connection !== connection) throw new RPCServerError(RPCCode.server, 'subscription not found')
    this.subs.delete(id as string)
    return true
  }

  dropConnection(connection: object): void {
    for (const [id, s] of this.subs) if (s.connection === connection) this.subs.delete(id)
  }

  get size(): number {
    return this.subs.size
  }

  notify(inserted: InsertedMomentum): void {
    for (const [id, s] of this.subs) {
      let result: unknown[]
      if (s.topic.kind === 'momentums') {
        result = [{ hash: toHex(inserted.momentum.hash), height: Number(inserted.momentum.height) }]
      } else {
        result = inserted.blocks.filter((b) => matches(s.topic, b)).map(blockHeader)
        if (result.length === 0) continue
      }
      s.deliver(JSON.stringify({ jsonrpc: '2.0', method: 'ledger.subscription', params: { subscription: id, result } }))
    }
  }
}
