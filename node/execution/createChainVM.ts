/**
 * The one place the node makes a VM (sequencer, replica, eth_call/estimate executor): the chain's
 * Common as given (no hardfork switching by block), and the jump-analysis cache installed.
 */
import { createVM, type VM } from '@ethereumjs/vm'
import type { Common, StateManagerInterface } from '@ethereumjs/common'
import type { EVMMockBlockchainInterface } from '@ethereumjs/evm'
import { installJumpAnalysisCache } from './jumpAnalysisCache.ts'

export interface ChainVMOptions {
  common: Common
  stateManager: StateManagerInterface
  /** Answers BLOCKHASH. */
  blockchain: EVMMockBlockchainInterface
}

export async function createChainVM(options: ChainVMOptions): Promise<VM> {
  await installJumpAnalysisCache()
  return createVM({ common: options.common, stateManager: options.stateManager, blockchain: options.blockchain, setHardfork: false })
}
