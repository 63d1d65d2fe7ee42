/**
 * Fee arithmetic of the pool: what a tx pays the sequencer per gas at a given base fee, what it
 * can cost its sender at most, and the replacement rule (both caps raised by the bump percent).
 */

export interface FeeCaps {
  /** maxFeePerGas (gasPrice for types 0 and 1). */
  feeCap: bigint
  /** maxPriorityFeePerGas (gasPrice for types 0 and 1). */
  tipCap: bigint
}

/** Tip per gas at `baseFee`: min(tipCap, feeCap − baseFee); negative when the cap is under it. */
export function effectiveTip(caps: FeeCaps, baseFee: bigint): bigint {
  const room = caps.feeCap - baseFee
  return room < caps.tipCap ? room : caps.tipCap
}

/** The most the tx can take from its sender: gasLimit · feeCap + value (geth's `tx.Cost()`). */
export function maxCost(gasLimit: bigint, feeCap: bigint, value: bigint): bigint {
  return gasLimit * feeCap + value
}

/**
 * True if `next` may replace `old`: both caps strictly higher and each at least
 * `old · (100 + bumpPercent) / 100`.
 */
export function meetsPriceBump(old: FeeCaps, next: FeeCaps, bumpPercent: bigint): boolean {
  if (next.feeCap <= old.feeCap || next.tipCap <= old.tipCap) return false
  const feeCapThreshold = (old.feeCap * (100n + bumpPercent)) / 100n
  const tipThreshold = (old.tipCap * (100n + bumpPercent)) / 100n
  return next.feeCap >= feeCapThreshold && next.tipCap >= tipThreshold
}
