/**
 * What the EVM's BLOCKHASH opcode reads: hashes of canonical blocks by number, from the chain store.
 */
import type { EVMMockBlockchainInterface } from '@ethereumjs/evm'
import type { ChainReader } from '../backend.ts'

export function createBlockHashReader(chain: Pick<ChainReader, 'getBlockByNumber'>): EVMMockBlockchainInterface {
  const reader: EVMMockBlockchainInterface = {
    async getBlock(number: number) {
      const sealed = await chain.getBlockByNumber(BigInt(number))
      const hash = sealed?.hash ?? new Uint8Array(32)
      return { hash: () => hash }
    },
    async putBlock() {},
    shallowCopy: () => reader,
  }
  return reader
}
