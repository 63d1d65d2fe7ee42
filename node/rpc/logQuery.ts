/**
 * Runs a log filter against the chain: resolves the block hash or range, enforces the range and
 * result limits, and returns the matching logs in chain order.
 */
import type { ChainReader, LogEntry } from '../backend.ts'
import { InvalidInputError, InvalidParamsError, LimitExceededError } from '../errors.ts'
import { rangeBound } from './blocks.ts'
import type { FilterCriteria } from './params.ts'

export interface LogLimits {
  logRangeLimit: number
  maxLogResults: number
}

export async function queryLogs(chain: ChainReader, criteria: FilterCriteria, limits: LogLimits): Promise<LogEntry[]> {
  let fromBlock: bigint
  let toBlock: bigint
  if (criteria.blockHash !== undefined) {
    const block = await chain.getBlockByHash(criteria.blockHash)
    if (block === undefined) throw new InvalidInputError('unknown block')
    fromBlock = block.block.header.number
    toBlock = fromBlock
  } else {
    const head = chain.head().block.header.number
    fromBlock = rangeBound(chain, criteria.fromBlock)
    toBlock = rangeBound(chain, criteria.toBlock)
    if (fromBlock > toBlock) throw new InvalidParamsError('invalid block range params')
    if (toBlock > head) throw new InvalidParamsError('block range extends beyond current head block')
    const span = toBlock - fromBlock + 1n
    if (span > BigInt(limits.logRangeLimit)) {
      throw new LimitExceededError(`block range of ${span} blocks exceeds the limit of ${limits.logRangeLimit} blocks`)
    }
  }
  const logs = await chain.getLogs({ fromBlock, toBlock, addresses: criteria.addresses, topics: criteria.topics })
  if (logs.length > limits.maxLogResults) {
    throw new LimitExceededError(`query returned more than ${limits.maxLogResults} results`)
  }
  return logs
}
