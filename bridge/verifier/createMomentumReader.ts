/**
 * Reads NoM for derivation: momentums in height order from a start height, each with the chain's
 * deposits (bridge/deposits/momentumDeposits.ts, the watcher's own reader) and frames
 * (momentumFrames.ts) confirmed in it. A momentum is handed out only when it is final for the
 * anchor: every Deposit and SubmitFrame send of the chain in it has a confirmed receive
 * (node/derivation/README.md "Inputs"). A reader continues after a momentum already read (a
 * restarted verifier's checkpoint): each read first asks NoM for that last momentum again, and
 * every momentum must follow the one before (previousHash); when NoM no longer has it, the read
 * reports a reorg instead of momentums.
 */
import type { NoMClient } from '../../nom/rpc/client.ts'
import { bytesEqual, toHex } from '../../nom/hash.ts'
import type { Hash } from '../../nom/types.ts'
import { formatTokenStandard } from '../../nom/tokenStandard.ts'
import type { TokenMetadata } from '../deposits/depositTransaction.ts'
import { depositTransaction } from '../deposits/depositTransaction.ts'
import { readTokenMetadata } from '../deposits/anchorReads.ts'
import { readMomentumDeposits } from '../deposits/momentumDeposits.ts'
import type { DerivationDeposit, MomentumInput } from '../../node/derivation/types.ts'
import { readMomentumFrames, type ReadFrame } from './momentumFrames.ts'

export interface ReadMomentum extends MomentumInput {
  frames: ReadFrame[]
}

/** NoM's momentum at `height` is not the one read there: the momentums read since are replaced. */
export interface MomentumReorg {
  height: bigint
  /** Hash of the momentum read at `height`. */
  read: Hash
  /** What NoM has at `height` now (undefined: no momentum). */
  canonical: Hash | undefined
}

export interface MomentumRead {
  momentums: ReadMomentum[]
  /** NoM's page was full: more momentums may be waiting. */
  more: boolean
  /** Set when the momentums before these were replaced (then `momentums` is empty). */
  reorg?: MomentumReorg
}

export interface MomentumReader {
  /** Up to `max` next final momentums (fewer, or none, when NoM has no more final ones yet). */
  read(max: number): Promise<MomentumRead>
  /** Height of the next momentum to read. */
  nextHeight(): bigint
  /** Send hash a momentum is waiting on (its anchor receive), if the last read stopped on one. */
  waitingFor(): string | undefined
}

export interface MomentumReaderOptions {
  client: NoMClient
  chainId: bigint
  /** First momentum height to read (≥ 1). */
  startHeight: bigint
  /** The momentum read last, at startHeight − 1 (a checkpoint's): checked to be canonical still. */
  after?: { height: bigint; hash: Hash }
  /** Index of the next deposit (default 1). */
  nextDepositIndex?: bigint
  /** Anchor index of the next frame (default 1). */
  nextFrameIndex?: bigint
}

export function createMomentumReader(options: MomentumReaderOptions): MomentumReader {
  const { client, chainId } = options
  let next = options.startHeight < 1n ? 1n : options.startHeight
  let last = options.after
  if (last !== undefined && last.height !== next - 1n) throw new RangeError(`the reader continues after momentum ${last.height}, not before ${next}`)
  let nextDepositIndex = options.nextDepositIndex ?? 1n
  let nextFrameIndex = options.nextFrameIndex ?? 1n
  let waiting: string | undefined
  const tokens = new Map<string, TokenMetadata | undefined>()
  const token = async (zts: Uint8Array) => {
    const key = formatTokenStandard(zts)
    if (!tokens.has(key)) tokens.set(key, await readTokenMetadata(client, zts))
    return tokens.get(key)
  }

  return {
    async read(max) {
      const out: ReadMomentum[] = []
      // NoM pages hold at most 100 momentums; one of them is the last momentum read, asked again
      const count = Math.min(max, last === undefined ? 100 : 99)
      const from = last === undefined ? next : last.height
      const page = (await client.getDetailedMomentumsByHeight(from, last === undefined ? count : count + 1)).list
      waiting = undefined
      let rest = page
      if (last !== undefined) {
        const first = page[0]?.momentum
        const canonical = first?.height === last.height ? first.hash : undefined
        if (canonical === undefined || !bytesEqual(canonical, last.hash)) return { momentums: [], more: false, reorg: { height: last.height, read: last.hash, canonical } }
        rest = page.slice(1)
      }
      for (const { momentum, blocks } of rest) {
        if (momentum.height !== next) break
        if (last !== undefined && !bytesEqual(momentum.previousHash, last.hash)) {
          if (out.length > 0) break // the next read starts at the last one handed out and sees the change there
          return { momentums: [], more: false, reorg: { height: last.height, read: last.hash, canonical: momentum.previousHash } }
        }
        const origin = { height: momentum.height, hash: momentum.hash, timestamp: momentum.timestamp }
        const deposits = await readMomentumDeposits({ client, chainId, token }, origin, blocks, nextDepositIndex)
        if (!deposits.ready) {
          waiting = toHex(deposits.waitingFor)
          break
        }
        const frames = await readMomentumFrames(client, chainId, momentum.height, blocks, nextFrameIndex)
        if (!frames.ready) {
          waiting = toHex(frames.waitingFor)
          break
        }
        const derivationDeposits: DerivationDeposit[] = deposits.deposits.map((d) => ({
          index: d.record.index,
          momentumHeight: d.record.momentumHeight,
          tx: depositTransaction(d.record, d.token),
        }))
        nextDepositIndex += BigInt(deposits.deposits.length)
        nextFrameIndex += BigInt(frames.frames.length)
        next = momentum.height + 1n
        last = { height: momentum.height, hash: momentum.hash }
        out.push({ momentum: origin, deposits: derivationDeposits, frames: frames.frames })
      }
      return { momentums: out, more: out.length === count && rest.length >= count }
    },
    nextHeight: () => next,
    waitingFor: () => waiting,
  }
}
