/** Block 0 of the chain: full Prague header over the genesis state root, no transactions. */
import { Block, createBlockHeader } from '@ethereumjs/block'
import type { Common } from '@ethereumjs/common'
import type { Genesis } from '../genesis/loadGenesis.ts'
import type { SealedBlock } from '../backend.ts'
import { PRELOADED_PARAMS } from './chainCommon.ts'

export function createGenesisBlock(common: Common, genesis: Genesis, stateRoot: Uint8Array): SealedBlock {
  const header = createBlockHeader(
    {
      number: 0n,
      parentHash: new Uint8Array(32),
      coinbase: new Uint8Array(20),
      stateRoot,
      gasLimit: genesis.gasLimit,
      gasUsed: 0n,
      timestamp: genesis.timestamp,
      extraData: genesis.extraData,
      baseFeePerGas: genesis.baseFeePerGas,
      difficulty: 0n,
      blobGasUsed: 0n,
      excessBlobGas: 0n,
    },
    { common, setHardfork: false },
  )
  const block = new Block(header, [], [], [], { common, params: PRELOADED_PARAMS })
  return { block, hash: header.hash(), senders: [], size: block.serialize().length }
}
