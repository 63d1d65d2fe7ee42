/**
 * Reads NoM for derivation: momentums in height order from a start height, each with the chain's
 * deposits (bridge/deposits/momentumDeposits.ts, the watcher's own reader) and frames
 * (momentumFrames.ts) confirmed in it. A momentum is handed out only when it is final for the
 * anchor: every Deposit and SubmitFrame send of the chain in it has a confirmed receive
 * (node/derivation/README.md "Inputs"). Stateless across restarts: a new reader starts over.
 */
import type { NoMClient } from '../../nom/rpc/client.ts'
import { toHex } from '../../nom/hash.ts'
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

export interface MomentumReader {
  /** Up to `max` next final momentums (fewer, or none, when NoM has no more final ones yet). */
  read(max: number): Promise<ReadMomentum[]>
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
}

export function createMomentumReader(options: MomentumReaderOptions): MomentumReader {
  const { client, chainId } = options
  let next = options.startHeight < 1n ? 1n : options.startHeight
  let nextDepositIndex = 1n
  let nextFrameIndex = 1n
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
      const page = (await client.getDetailedMomentumsByHeight(next, Math.min(max, 100))).list
      waiting = undefined
      for (const { momentum, blocks } of page) {
        if (momentum.height !== next) break
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
        out.push({ momentum: origin, deposits: derivationDeposits, frames: frames.frames })
      }
      return out
    },
    nextHeight: () => next,
    waitingFor: () => waiting,
  }
}
