/**
 * Automine's answer timing: eth_sendRawTransaction answers only once the block holding the tx is
 * sealed (as anvil and hardhat do), so a client that asks for the receipt right after the hash finds
 * it. A wait ends when a sealed block includes the tx, when the tx left the pool without being
 * included (dropped at execution, replaced), or when after a block its fee cap is under the next
 * block's base fee (it cannot be mined until the base fee falls). A tx that is not executable when
 * admitted (a nonce gap) is not waited for, nor is one already included.
 */
import { bytesToHex } from '@ethereumjs/util'
import type { PooledTransaction } from '../backend.ts'

export interface InclusionWaiter {
  /** Resolves once the tx is settled as described above; at once if it is not waited for. */
  wait(hash: Uint8Array): Promise<void>
  /** The sequencer sealed a block holding `includedHashes` (called before the pool forgets them). */
  blockSealed(includedHashes: Uint8Array[]): void
  /** Ends every wait (the node is stopping). */
  close(): void
}

export interface InclusionPool {
  get(hash: Uint8Array): PooledTransaction | undefined
  isPending(hash: Uint8Array): boolean
}

/** maxFeePerGas, or gasPrice for types 0 and 1. */
function feeCapOf(tx: PooledTransaction['tx']): bigint {
  return 'maxFeePerGas' in tx ? tx.maxFeePerGas : tx.gasPrice
}

/** `nextBaseFee`: the base fee of the block after the head (read when a block was sealed). */
export function createInclusionWaiter(pool: InclusionPool, nextBaseFee: () => bigint): InclusionWaiter {
  const waiting = new Map<string, { hash: Uint8Array; resolve: () => void }[]>()
  /**
   * The last block's txs: they stay in the pool until its bookkeeping after the block has run, and a
   * wait that starts in between must not wait for a block that already came.
   */
  let lastIncluded = new Set<string>()
  let closed = false

  function settle(key: string): void {
    const list = waiting.get(key)
    if (list === undefined) return
    waiting.delete(key)
    for (const waiter of list) waiter.resolve()
  }

  return {
    wait(hash) {
      const key = bytesToHex(hash)
      if (closed || lastIncluded.has(key) || !pool.isPending(hash)) return Promise.resolve()
      return new Promise<void>((resolve) => {
        const list = waiting.get(key)
        if (list === undefined) waiting.set(key, [{ hash, resolve }])
        else list.push({ hash, resolve })
      })
    },
    blockSealed(includedHashes) {
      lastIncluded = new Set(includedHashes.map((hash) => bytesToHex(hash)))
      for (const key of lastIncluded) settle(key)
      if (waiting.size === 0) return
      const baseFee = nextBaseFee()
      for (const [key, list] of [...waiting]) {
        const pooled = pool.get(list[0]!.hash)
        if (pooled === undefined || feeCapOf(pooled.tx) < baseFee) settle(key)
      }
    },
    close() {
      closed = true
      for (const key of [...waiting.keys()]) settle(key)
    },
  }
}
