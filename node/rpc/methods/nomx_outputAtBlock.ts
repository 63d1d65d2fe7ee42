/**
 * nomx_outputAtBlock(blockNumberOrTag): the block's output root and its preimage, what the proposer
 * commits on the anchor and what ProveWithdrawal's OutputRootProof must hash to. Field names follow
 * optimism_outputAtBlock where OP has one (version, outputRoot, stateRoot, withdrawalStorageRoot,
 * blockRef); messagePasserStorageRoot / blockNumber / blockHash are the anchor's argument names.
 */
import { ResourceNotFoundError } from '../../errors.ts'
import { findBlock } from '../blocks.ts'
import type { RPCMethod } from '../context.ts'
import { toData, toQuantity } from '../hex.ts'
import { outputAtBlock } from '../outputRoot.ts'
import { argPath, checkArity, parseBlockNumberOrTag, type BlockSelector } from '../params.ts'

function describe(selector: BlockSelector): string {
  if (selector.kind === 'number') return `block ${selector.number}`
  if (selector.kind === 'tag') return `block "${selector.tag}"`
  return `block ${toData(selector.hash)}`
}

export const nomx_outputAtBlock: RPCMethod = async (ctx, params) => {
  checkArity(params, 1, 1)
  const selector = parseBlockNumberOrTag(params[0], argPath(0))
  const sealed = await findBlock(ctx.backend.chain, selector)
  if (sealed === undefined) {
    const head = ctx.backend.chain.head().block.header.number
    throw new ResourceNotFoundError(`${describe(selector)} not found: the chain's head is block ${head}`)
  }
  const out = await outputAtBlock(ctx.backend, sealed)
  const header = sealed.block.header
  const origin = sealed.origin
  return {
    version: toData(out.version),
    outputRoot: toData(out.outputRoot),
    blockNumber: toQuantity(out.blockNumber),
    blockHash: toData(out.blockHash),
    stateRoot: toData(out.stateRoot),
    messagePasserStorageRoot: toData(out.messagePasserStorageRoot),
    withdrawalStorageRoot: toData(out.messagePasserStorageRoot),
    blockRef: {
      hash: toData(out.blockHash),
      number: Number(header.number),
      parentHash: toData(header.parentHash),
      timestamp: Number(header.timestamp),
      l1origin: origin === undefined ? null : { hash: toData(origin.hash), number: Number(origin.height) },
      sequenceNumber: origin === undefined ? null : Number(origin.sequenceNumber),
    },
  }
}
