/**
 * eth_feeHistory: base fees (plus the next block's), gas used ratios and, per requested percentile,
 * the effective tip at that share of each block's gas, weighted by gas used (geth's method).
 */
import type { SealedBlock, TxReceipt } from '../../backend.ts'
import { InvalidInputError, InvalidParamsError } from '../../errors.ts'
import { findBlock } from '../blocks.ts'
import type { RPCMethod } from '../context.ts'
import { formatFeeHistory } from '../format.ts'
import { argPath, checkArity, parseBlockNumberOrTag, parseUint64 } from '../params.ts'
import { DEPOSIT_TX_TYPE } from '../../deposits/depositTx.ts'

/** Most blocks one request covers; larger counts are cut to this, as geth does. */
const maxBlockCount = 1024n

function parseBlockCount(value: unknown): bigint {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return BigInt(value)
  return parseUint64(value, argPath(0))
}

function parsePercentiles(value: unknown): number[] {
  if (value === undefined || value === null) return []
  if (!Array.isArray(value)) throw new InvalidParamsError(`${argPath(2)}: array of percentiles expected`)
  value.forEach((p, i) => {
    if (typeof p !== 'number' || !Number.isFinite(p) || p < 0 || p > 100) {
      throw new InvalidParamsError(`invalid reward percentile: ${JSON.stringify(p)}`)
    }
    const previous = value[i - 1] as number | undefined
    if (previous !== undefined && p < previous) {
      throw new InvalidParamsError(`invalid reward percentile: #${i - 1}:${previous} > #${i}:${p}`)
    }
  })
  return value as number[]
}

/** Effective tip per gas at each percentile of the block's gas, ascending by tip. */
function blockRewards(sealed: SealedBlock, receipts: TxReceipt[], percentiles: number[]): bigint[] {
  const header = sealed.block.header
  if (receipts.length === 0 || header.gasUsed === 0n) return percentiles.map(() => 0n)
  const baseFee = header.baseFeePerGas ?? 0n
  let previousCumulative = 0n
  const sorted = receipts
    .map((receipt) => {
      const gasUsed = receipt.cumulativeGasUsed - previousCumulative
      previousCumulative = receipt.cumulativeGasUsed
      return { tip: receipt.effectiveGasPrice - baseFee, gasUsed, deposit: receipt.type === DEPOSIT_TX_TYPE }
    })
    // Deposits pay no fee (gas price 0): they are not part of the tip market, as on OP nodes.
    .filter((entry) => !entry.deposit)
    .sort((a, b) => (a.tip < b.tip ? -1 : a.tip > b.tip ? 1 : 0))
  if (sorted.length === 0) return percentiles.map(() => 0n)
  const total = sorted.reduce((sum, entry) => sum + entry.gasUsed, 0n)
  return percentiles.map((p) => {
    const threshold = (Number(total) * p) / 100
    let cumulative = 0n
    for (const entry of sorted) {
      cumulative += entry.gasUsed
      if (Number(cumulative) >= threshold) return entry.tip
    }
    return sorted[sorted.length - 1]?.tip ?? 0n
  })
}

export const eth_feeHistory: RPCMethod = async (ctx, params) => {
  checkArity(params, 2, 3)
  const requested = parseBlockCount(params[0])
  const newestSelector = parseBlockNumberOrTag(params[1], argPath(1))
  const percentiles = parsePercentiles(params[2])
  const { chain, fees } = ctx.backend
  const head = chain.head().block.header.number
  const newest = await findBlock(chain, newestSelector)
  if (newest === undefined) {
    const number = newestSelector.kind === 'number' ? newestSelector.number : head
    throw new InvalidInputError(`request beyond head block: requested ${number}, head ${head}`)
  }
  const newestNumber = newest.block.header.number
  const count = requested > maxBlockCount ? maxBlockCount : requested
  if (count === 0n) return formatFeeHistory({ oldestBlock: 0n, baseFeePerGas: [], gasUsedRatio: [] })
  const oldest = newestNumber + 1n >= count ? newestNumber + 1n - count : 0n
  const baseFeePerGas: bigint[] = []
  const gasUsedRatio: number[] = []
  const reward: bigint[][] = []
  for (let number = oldest; number <= newestNumber; number++) {
    const sealed = number === newestNumber ? newest : await chain.getBlockByNumber(number)
    if (sealed === undefined) throw new InvalidInputError(`block ${number} not found`)
    const header = sealed.block.header
    baseFeePerGas.push(header.baseFeePerGas ?? 0n)
    gasUsedRatio.push(header.gasLimit === 0n ? 0 : Number(header.gasUsed) / Number(header.gasLimit))
    if (percentiles.length > 0) {
      const receipts = (await chain.getReceipts(sealed.hash)) ?? []
      reward.push(blockRewards(sealed, receipts, percentiles))
    }
  }
  const next = newestNumber === head ? fees.nextBaseFee() : ((await chain.getBlockByNumber(newestNumber + 1n))?.block.header.baseFeePerGas ?? 0n)
  baseFeePerGas.push(next)
  return formatFeeHistory({ oldestBlock: oldest, baseFeePerGas, gasUsedRatio, ...(percentiles.length > 0 ? { reward } : {}) })
}
