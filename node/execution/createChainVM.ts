/**
 * The one place the node makes a VM (sequencer, replica, eth_call/estimate executor): the chain's
 * Common as given (no hardfork switching by block), the jump-analysis cache installed, the
 * faster word-conversion opcode handlers (fastOpcodes.ts), synchronous steps (syncInterpreterSteps.ts)
 * and call frames without an eager run-state copy (lazyRunState.ts) or a slow message copy
 * (directExecuteCall.ts) on its EVM.
 */
import { createVM, type VM } from '@ethereumjs/vm'
import type { Common, StateManagerInterface } from '@ethereumjs/common'
import type { EVMMockBlockchainInterface } from '@ethereumjs/evm'
import { installFastOpcodes } from './fastOpcodes.ts'
import { installJumpAnalysisCache } from './jumpAnalysisCache.ts'
import { enableSyncSteps, installSyncInterpreterSteps } from './syncInterpreterSteps.ts'
import { enableLazyRunState, installLazyRunState } from './lazyRunState.ts'
import { enableDirectExecuteCall, installDirectExecuteCall } from './directExecuteCall.ts'

export interface ChainVMOptions {
  common: Common
  stateManager: StateManagerInterface
  /** Answers BLOCKHASH. */
  blockchain: EVMMockBlockchainInterface
}

export async function createChainVM(options: ChainVMOptions): Promise<VM> {
  await installJumpAnalysisCache()
  await installSyncInterpreterSteps()
  await installLazyRunState()
  await installDirectExecuteCall()
  const vm = await createVM({ common: options.common, stateManager: options.stateManager, blockchain: options.blockchain, setHardfork: false })
  installFastOpcodes(vm.evm)
  enableSyncSteps(vm.evm)
  enableLazyRunState(vm.evm)
  enableDirectExecuteCall(vm.evm)
  return vm
}
