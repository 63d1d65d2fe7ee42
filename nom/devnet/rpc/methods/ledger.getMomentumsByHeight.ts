/** ledger.getMomentumsByHeight [height, count] → {list ascending, count: frontier height}. */
import type { RPCMethod } from '../context.ts'
import { uintParam } from '../params.ts'
import { RPCCode, RPCServerError } from '../errors.ts'
import { ErrorText } from '../../errorTexts.ts'
import { RPC_MAX_PAGE_SIZE } from '../../../constants.ts'
import { momentumToJSON } from '../../../json.ts'
import { momentumsByHeight } from '../momentumList.ts'

export const ledger_getMomentumsByHeight: RPCMethod = async (ctx, params) => {
  const height = uintParam(params, 0, 64)
  const count = uintParam(params, 1, 64)
  if (height === 0n) throw new RPCServerError(RPCCode.server, ErrorText.heightParamIsZero)
  if (count > BigInt(RPC_MAX_PAGE_SIZE)) throw new RPCServerError(RPCCode.server, ErrorText.countTooBig)
  const { momentums, frontier } = await momentumsByHeight(ctx.ledger, height, count)
  return { list: momentums.map(momentumToJSON), count: Number(frontier) }
}
