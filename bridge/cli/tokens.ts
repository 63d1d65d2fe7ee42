/**
 * Which token a `--token` names: `ZNN`, `QSR` (either case) or a `zts1…` token standard, and the
 * NoM metadata (`embedded.token.getByZts`) that gives its decimals.
 */
import { QSR_ZTS, ZNN_ZTS } from '../../nom/constants.ts'
import { InvalidTokenStandardError } from '../../nom/errors.ts'
import type { NoMClient } from '../../nom/rpc/client.ts'
import { formatTokenStandard, parseTokenStandard } from '../../nom/tokenStandard.ts'
import type { TokenStandard } from '../../nom/types.ts'
import { BridgeUserError } from './errors.ts'

export interface NoMToken {
  tokenStandard: TokenStandard
  name: string
  symbol: string
  decimals: number
}

export function tokenStandardOf(text: string): TokenStandard {
  const upper = text.toUpperCase()
  if (upper === 'ZNN') return ZNN_ZTS
  if (upper === 'QSR') return QSR_ZTS
  try {
    return parseTokenStandard(text)
  } catch (error) {
    if (error instanceof InvalidTokenStandardError) throw new BridgeUserError(`unknown token ${JSON.stringify(text)}: use ZNN, QSR or a zts1… token standard`)
    throw error
  }
}

/** The token's NoM metadata; a token standard NoM does not know is a user error. */
export async function nomToken(client: NoMClient, tokenStandard: TokenStandard): Promise<NoMToken> {
  const zts = formatTokenStandard(tokenStandard)
  const info = (await client.call('embedded.token.getByZts', [zts])) as { name?: unknown; symbol?: unknown; decimals?: unknown } | null
  if (info === null) throw new BridgeUserError(`unknown token ${zts}: no such token on the NoM node (check the token standard)`)
  if (typeof info.name !== 'string' || typeof info.symbol !== 'string' || typeof info.decimals !== 'number') {
    throw new BridgeUserError(`embedded.token.getByZts answered an unexpected shape for ${zts}`)
  }
  return { tokenStandard, name: info.name, symbol: info.symbol, decimals: info.decimals }
}
