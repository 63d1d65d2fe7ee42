/** What every devnet RPC method gets: the ledger and the node's own facts. */
import type { Ledger } from '../ledger/ledger.ts'
import type { Subscriptions } from './subscriptions.ts'

export interface RPCContext {
  ledger: Ledger
  producerPublicKey: Uint8Array
  startedAt: number
  /** Present on WebSocket connections only. */
  subscriptions?: Subscriptions
  /** Identifies the WebSocket connection a subscription belongs to. */
  connection?: object
  /** Sends a frame on that connection. */
  deliver?: (frame: string) => void
}

export type RPCMethod = (ctx: RPCContext, params: unknown[]) => Promise<unknown>
