/** The anchor as an embedded contract for the devnet: `createAnchorContract(options)`. */
import type { EmbeddedContract, EmbeddedMethod } from '../../nom/devnet/embedded/types.ts'
import { EmbeddedContractError } from '../../nom/devnet/embedded/types.ts'
import { ANCHOR_ADDRESS } from './address.ts'
import { resolveAnchorConfig } from './config.ts'
import type { AnchorOptions } from './config.ts'
import { createFailureLog } from './failureLog.ts'
import type { FailureLog } from './failureLog.ts'
import { changeAdministrator, changeProposer, nominateGuardians, setChainParams } from './methods/adminChanges.ts'
import { postBond, withdrawBond } from './methods/bonds.ts'
import { createChain } from './methods/createChain.ts'
import { defineMethod } from './methods/defineMethod.ts'
import type { MethodDefinition } from './methods/defineMethod.ts'
import { deposit, depositCall } from './methods/deposit.ts'
import { flag, resolveFlag } from './methods/flags.ts'
import { halt, unhalt } from './methods/halts.ts'
import { proposeCommitment } from './methods/proposeCommitment.ts'
import { submitFrame } from './methods/submitFrame.ts'
import { finalizeWithdrawal, proveWithdrawal } from './methods/withdrawals.ts'
import { createReadAPI } from './rpc/readAPI.ts'

export const ANCHOR_NAME = 'anchor'

const DEFINITIONS: readonly MethodDefinition<never>[] = [
  createChain,
  deposit,
  depositCall,
  submitFrame,
  proposeCommitment,
  postBond,
  withdrawBond,
  flag,
  resolveFlag,
  proveWithdrawal,
  finalizeWithdrawal,
  halt,
  unhalt,
  changeAdministrator,
  nominateGuardians,
  setChainParams,
  changeProposer,
] as unknown as readonly MethodDefinition<never>[]

/** Records the failure text of a call before the host rolls it back and refunds the sender. */
function withFailureLog(method: EmbeddedMethod, name: string, failures: FailureLog): EmbeddedMethod {
  return {
    ...method,
    async execute(ctx, send) {
      try {
        await method.execute(ctx, send)
      } catch (e) {
        // Contract failures carry the SPEC text; anything else (a bug) is recorded with its message too.
        const error = e instanceof EmbeddedContractError ? e.message : `internal error: ${e instanceof Error ? e.message : String(e)}`
        failures.record({ sendHash: send.hash, momentumHeight: ctx.momentum.height, method: name, error })
        throw e
      }
    },
  }
}

export interface AnchorContract extends EmbeddedContract {
  failures: FailureLog
}

export function createAnchorContract(options: AnchorOptions): AnchorContract {
  const config = resolveAnchorConfig(options)
  const failures = createFailureLog(config.failureLogSize)
  const methods = DEFINITIONS.map((d) => withFailureLog(defineMethod(d, config), d.abi.name, failures))
  return {
    address: ANCHOR_ADDRESS,
    name: ANCHOR_NAME,
    methods,
    rpc: createReadAPI(config, failures),
    failures,
  }
}

