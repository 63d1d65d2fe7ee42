/**
 * Resolving a block selector (tag, number, hash, EIP-1898 object) to a sealed block. Queries that
 * return a block give null for an unknown one; state queries fail with geth's `header not found`.
 */
import { equalsBytes } from '@ethereumjs/util'
import type { ChainReader, SealedBlock } from '../backend.ts'
import { InvalidInputError } from '../errors.ts'
import type { BlockSelector } from './params.ts'

/** The block a selector names, or undefined when there is none. */
export async function findBlock(chain: ChainReader, selector: BlockSelector): Promise<SealedBlock | undefined> {
  switch (selector.kind) {
    case 'tag':
      return selector.tag === 'latest' || selector.tag === 'pending' ? chain.head() : chain.getBlockByNumber(chain.numberOfTag(selector.tag))
    case 'number':
      return chain.getBlockByNumber(selector.number)
    case 'hash': {
      const block = await chain.getBlockByHash(selector.hash)
      if (block === undefined || !selector.requireCanonical) return block
      const canonical = await chain.getBlockByNumber(block.block.header.number)
      if (canonical === undefined || !equalsBytes(canonical.hash, block.hash)) {
        throw new InvalidInputError(`hash ${bytesHex(selector.hash)} is not currently canonical`)
      }
      return block
    }
  }
}

/** The block a state query runs at; geth's errors when it does not exist. */
export async function requireBlock(chain: ChainReader, selector: BlockSelector): Promise<SealedBlock> {
  const block = await findBlock(chain, selector)
  if (block !== undefined) return block
  if (selector.kind === 'hash') throw new InvalidInputError('header for hash not found')
  throw new InvalidInputError('header not found')
}

/** The block number a selector stands for in a log range (`pending` reads as latest). */
export function rangeBound(chain: ChainReader, selector: BlockSelector): bigint {
  if (selector.kind === 'number') return selector.number
  if (selector.kind === 'tag') return selector.tag === 'pending' ? chain.numberOfTag('latest') : chain.numberOfTag(selector.tag)
  throw new InvalidInputError('block hash is not a range bound')
}

function bytesHex(bytes: Uint8Array): string {
  return `0x${Buffer.from(bytes).toString('hex')}`
}
