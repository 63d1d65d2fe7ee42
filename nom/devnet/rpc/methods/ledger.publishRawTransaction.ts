/** ledger.publishRawTransaction [AccountBlock] → null; refusals carry go-zenon's verifier text. */
import type { RPCMethod } from '../context.ts'
import { accountBlockFromJSON } from '../../../json.ts'
import { invalidArgument, RPCCode, RPCServerError } from '../errors.ts'
import { ErrorText } from '../../errorTexts.ts'

export const ledger_publishRawTransaction: RPCMethod = async (ctx, params) => {
  if (params[0] === null || params[0] === undefined) throw new RPCServerError(RPCCode.server, ErrorText.paramIsNull)
  let block
  try {
    block = accountBlockFromJSON(params[0], 'block')
  } catch (e) {
    throw invalidArgument(0, (e as Error).message)
  }
  await ctx.ledger.publish(block)
  return null
}
