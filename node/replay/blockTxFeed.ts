/**
 * A block's txs handed to execution in order while their checks are still running: the checks come
 * back in consecutive chunks (createTxCheckPool.ts), and each chunk is built into tx objects
 * (buildBlockTxs) when execution reaches it. Execution of a block's first txs thus overlaps the
 * checks of its later ones, instead of waiting for the whole block.
 */
import type { Common } from '@ethereumjs/common'
import type { PooledTransaction } from '../backend.ts'
import { buildBlockTxs, type CheckedBlockTxs, type DecodedBlockTxs, type TxFailure } from './decodeBlockTxs.ts'

export interface BlockTxFeed {
  /** Number of txs in the block (valid or not). */
  readonly count: number
  /**
   * Tx `index`, checked and built with its sender; undefined when the block's checks failed at or
   * before it (then `failure()` says which tx and why) or past the last tx. A promise while its chunk
   * is being checked.
   */
  at(index: number): PooledTransaction | undefined | Promise<PooledTransaction | undefined>
  /** The first tx that failed its checks, once `at` has answered undefined for it. */
  failure(): TxFailure | undefined
}

/** A feed over txs already checked and built (the checks ran on this thread). */
export function feedOfDecoded(decoded: DecodedBlockTxs, count: number): BlockTxFeed {
  return {
    count,
    at: (index) => decoded.txs[index],
    failure: () => decoded.failure,
  }
}

/**
 * A feed over chunk checks: `chunks[k]` covers raws[k·chunkSize …], its failure indexes counted
 * from the block's first tx. Chunks after the first failing one are never looked at.
 */
export function feedOfChunks(raws: readonly Uint8Array[], chunkSize: number, chunks: readonly Promise<CheckedBlockTxs>[], common: Common): BlockTxFeed {
  const built: (DecodedBlockTxs | undefined)[] = new Array(chunks.length)
  let failure: TxFailure | undefined

  function pick(part: DecodedBlockTxs, index: number, offset: number): PooledTransaction | undefined {
    const tx = part.txs[index - offset]
    if (tx === undefined && part.failure !== undefined) failure ??= part.failure
    return tx
  }

  return {
    count: raws.length,
    at(index) {
      if (index >= raws.length || failure !== undefined) return undefined
      const k = Math.floor(index / chunkSize)
      const offset = k * chunkSize
      const ready = built[k]
      if (ready !== undefined) return pick(ready, index, offset)
      return chunks[k]!.then((checked) => {
        const part = (built[k] ??= buildBlockTxs(raws.slice(offset, offset + chunkSize), checked, common, offset))
        return pick(part, index, offset)
      })
    },
    failure: () => failure,
  }
}
