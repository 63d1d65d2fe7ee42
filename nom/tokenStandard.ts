/** ZTS token standards: 10 bytes, text form bech32 with hrp `zts`. */
import type { Hash, TokenStandard } from './types.ts'
import { InvalidTokenStandardError } from './errors.ts'
import { decodeFixedBech32, encodeBech32 } from './bech32.ts'
import { sha3 } from './hash.ts'

export const TOKEN_STANDARD_LENGTH = 10
export const TOKEN_STANDARD_HRP = 'zts'

/** 10 zero bytes, `zts1qqqqqqqqqqqqqqqqtq587y`. */
export const ZERO_ZTS: TokenStandard = new Uint8Array(TOKEN_STANDARD_LENGTH)

/** Parses `zts1…`; throws InvalidTokenStandardError naming the broken rule. */
export function parseTokenStandard(text: string): TokenStandard {
  const r = decodeFixedBech32(text, TOKEN_STANDARD_HRP, TOKEN_STANDARD_LENGTH)
  if (r.bytes === undefined) {
    const why = r.detail === undefined ? r.problem : `${r.problem} (${r.detail})`
    throw new InvalidTokenStandardError(`invalid token standard ${JSON.stringify(text)}: ${why}`)
  }
  return r.bytes
}

export function formatTokenStandard(zts: TokenStandard): string {
  if (zts.length !== TOKEN_STANDARD_LENGTH) {
    throw new InvalidTokenStandardError(`invalid token standard: wrong length ${zts.length} bytes, expected ${TOKEN_STANDARD_LENGTH}`)
  }
  return encodeBech32(TOKEN_STANDARD_HRP, zts)
}

/** The ZTS the token contract assigns to an IssueToken call: `H(sendHash)[0..10]`. */
export function tokenStandardFromSendHash(sendHash: Hash): TokenStandard {
  return sha3(sendHash).slice(0, TOKEN_STANDARD_LENGTH)
}
