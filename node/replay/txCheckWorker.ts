/**
 * Worker thread body of createTxCheckPool: runs checkBlockTxs (decoding, stateless admission checks,
 * sender recovery) for chunks of a block's txs and posts the results back.
 */
import { parentPort, workerData } from 'node:worker_threads'
import type { Common } from '@ethereumjs/common'
import { createChainCommon } from '../execution/chainCommon.ts'
import { checkBlockTxs, type CheckedBlockTxs } from './decodeBlockTxs.ts'

export interface TxCheckRequest {
  id: number
  chainId: bigint
  blockGasLimit: bigint
  baseFeeFloor: bigint
  offset: number
  raws: Uint8Array[]
}

export interface TxCheckResponse {
  id: number
  result: CheckedBlockTxs
}

if (parentPort === null) throw new Error('txCheckWorker.ts runs in a worker thread')
const port = parentPort
/** The pool's stop flag: once set, the worker exits at its next message (never inside a check). */
const stop = (workerData as { stop: Int32Array }).stop
const commons = new Map<bigint, Common>()
port.on('message', (request: TxCheckRequest | 'stop') => {
  if (request === 'stop' || Atomics.load(stop, 0) === 1) {
    process.exit(0)
  }
  let common = commons.get(request.chainId)
  if (common === undefined) {
    common = createChainCommon({ chainId: request.chainId })
    commons.set(request.chainId, common)
  }
  const result = checkBlockTxs(request.raws, { common, blockGasLimit: request.blockGasLimit, baseFeeFloor: request.baseFeeFloor }, request.offset)
  const response: TxCheckResponse = { id: request.id, result }
  port.postMessage(response)
})
