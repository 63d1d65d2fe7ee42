/**
 * What derivation reads and what it drives. Everything here comes from NoM (momentums, anchor
 * deposits, anchor frames), already turned into node/ values by the bridge's NoM reader: derivation
 * itself never speaks Zenon, so two verifiers given the same momentums derive the same chain.
 */
import type { SealedBlock } from '../backend.ts'
import type { DepositTx } from '../deposits/depositTx.ts'
import type { ReplayBlockInput, ReplayResult } from '../replay/createReplica.ts'

/** A confirmed NoM momentum. */
export interface DerivationMomentum {
  height: bigint
  /** 32 bytes. */
  hash: Uint8Array
  /** Unix seconds. */
  timestamp: bigint
}

/** An anchor deposit of the chain, as the L2 deposit transaction it becomes. */
export interface DerivationDeposit {
  /** Anchor deposit index (from 1, gap-free). */
  index: bigint
  /** Height of the momentum that confirmed the Deposit send. */
  momentumHeight: bigint
  tx: DepositTx
}

/** An anchor frame record of the chain with the bytes of its SubmitFrame call. */
export interface DerivationFrame {
  /** Anchor frame index (from 1, gap-free, receive order). */
  index: bigint
  /** The NoM address that sent the SubmitFrame (bech32 `z1…`, as genesis `nom.batchers` lists it). */
  submitter: string
  /** The `data` argument of the SubmitFrame call (the frame bytes). */
  bytes: Uint8Array
}

/** One momentum's worth of derivation input: everything the anchor recorded for the chain in it. */
export interface MomentumInput {
  momentum: DerivationMomentum
  /** Deposits confirmed in this momentum, in index order. */
  deposits: DerivationDeposit[]
  /** Frames confirmed in this momentum, in anchor frame index order. */
  frames: DerivationFrame[]
}

/** One L2 block to execute on top of the head, and the engine's verdict (node/replay/). */
export type { ReplayBlockInput, ReplayResult } from '../replay/createReplica.ts'

/** What derivation builds on: the derived chain's head and a way to add one block to it (a Replica). */
export interface DerivationTarget {
  head(): SealedBlock
  /**
   * Executes one block on the head. A block the chain cannot take (a tx that fails inclusion, a
   * bad number or timestamp) answers `{ valid: false, reason }` and changes nothing.
   */
  applyBlock(input: ReplayBlockInput): Promise<ReplayResult>
  /** Optional: start the stateless checks of a block's txs that will be applied soon (Replica.prefetch). */
  prefetch?(txs: readonly Uint8Array[]): void
}

/** Where a derived block came from (node/derivation/README.md). */
export type DerivedBlockSource = 'batch' | 'depositOnly' | 'forced'

/** What derivation did while reading one momentum, in order. */
export type DerivationEvent =
  | { kind: 'frameIgnored'; frameIndex: bigint; reason: string }
  | { kind: 'channelTimedOut'; channelId: Uint8Array; firstSeenAt: bigint }
  | { kind: 'channelInvalid'; channelId: Uint8Array; readyAt: bigint; reason: string }
  | { kind: 'batchSkipped'; number: bigint; reason: string }
  | { kind: 'batchInvalid'; number: bigint; reason: string; droppedAfter: number }
  | {
      kind: 'blockDerived'
      number: bigint
      source: DerivedBlockSource
      /** Momentum height at which the block was derived. */
      derivedAt: bigint
      txs: number
      /** Why the batch block was replaced by a deposit-only block (source 'depositOnly'). */
      reason?: string
      outputRoot: Uint8Array
    }
