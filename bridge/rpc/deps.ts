/** What the bridge's RPC methods share: the anchor reader and the proposer's cadence; NoM failures as node errors. */
import { NoMError } from '../../nom/errors.ts'
import type { NodeBackend } from '../../node/backend.ts'
import { InvalidInputError } from '../../node/errors.ts'
import { CommitmentsChangedError, type AnchorReader } from '../withdrawals/anchorReader.ts'
import type { WithdrawalContext } from '../withdrawals/context.ts'

export interface BridgeRPCDeps {
  anchor: AnchorReader
  cadence: Omit<WithdrawalContext, 'l2' | 'anchor'>
}

export function withdrawalContext(deps: BridgeRPCDeps, backend: NodeBackend): WithdrawalContext {
  return { ...deps.cadence, l2: backend, anchor: deps.anchor }
}

/**
 * Runs `read`; a failure of the NoM client (unreachable, timeout, an error answer, a malformed
 * answer) becomes an InvalidInputError (-32000) saying so, instead of an anonymous internal error;
 * so do fraud verdicts that kept changing the anchor's commitments under the reads.
 */
export async function readingNoM<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read()
  } catch (e) {
    if (e instanceof NoMError) throw new InvalidInputError(`the NoM node did not answer the bridge (${e.name}: ${e.message}): retry later or check the bridge's NoM RPC URL`, { cause: e })
    if (e instanceof CommitmentsChangedError) throw new InvalidInputError(e.message, { cause: e })
    throw e
  }
}
