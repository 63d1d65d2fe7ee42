/**
 * Worker thread body of createTxCheckPool: runs checkBlockTxs (decoding, stateless admission checks,
 * sender recovery) for chunks of a block's txs and posts the results back.
 */
import { parentPort } from 'node:worker_threads'
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
const commons = new Map<bigint, Common>()
port.on('message', (request: TxCheckRequest) => {
  let common = commons.get(request.chainId)
  if (common === undefined) {
    common = createChainCommon({ chainId: request.chainId })
    commons.set(request.chainId, common)
  }
  const result = checkBlockTxs(request.raws, { common, blockGasLimit: request.blockGasLimit, baseFeeFloor: request.baseFeeFloor }, request.offset)
  const response: TxCheckResponse = { id: request.id, result }
  port.postMessage(response)
})
