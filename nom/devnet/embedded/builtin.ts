/**
 * What the devnet's own contracts (plasma, token) get beyond the plug-in ExecutionContext: the
 * token table and minting/burning from the contract's own balance. Writes are buffered like
 * storage writes and kept only if `execute` returns.
 */
import type { TokenInfo, TokenStandard } from '../../types.ts'
import type { ExecutionContext } from './types.ts'

export interface BuiltinExecutionContext extends ExecutionContext {
  tokenInfo(zts: TokenStandard): Promise<TokenInfo | undefined>
  putTokenInfo(info: TokenInfo): void
  /** Creates `amount` of `token` in the contract's own balance. */
  mint(token: TokenStandard, amount: bigint): Promise<void>
  /** Destroys `amount` of `token` from the contract's own balance. */
  burn(token: TokenStandard, amount: bigint): Promise<void>
}

/** The runtime always passes a BuiltinExecutionContext; this narrows the plug-in type. */
export function asBuiltin(ctx: ExecutionContext): BuiltinExecutionContext {
  const b = ctx as Partial<BuiltinExecutionContext>
  if (typeof b.mint !== 'function' || typeof b.putTokenInfo !== 'function') {
    throw new TypeError('built-in contract executed outside the devnet runtime')
  }
  return ctx as BuiltinExecutionContext
}
