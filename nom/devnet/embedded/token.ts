/**
 * The token contract (go-zenon vm/embedded/implementation/token.go): IssueToken, Mint and Burn.
 * Issuing costs exactly 1 ZNN, which stays in the token contract's balance as in go-zenon; the new
 * ZTS is H(send hash)[0..10] and the whole total supply is sent to the issuer.
 */
import type { AccountBlock, TokenInfo } from '../../types.ts'
import type { EmbeddedContract, ExecutionContext } from './types.ts'
import { EmbeddedContractError } from './types.ts'
import { asBuiltin } from './builtin.ts'
import { decodeCall } from '../../abi.ts'
import { bytesEqual } from '../../hash.ts'
import { isEmbeddedAddress } from '../../address.ts'
import { tokenStandardFromSendHash } from '../../tokenStandard.ts'
import { COIN, EMBEDDED_SIMPLE_PLASMA, EMBEDDED_WITHDRAW_PLASMA, QSR_ZTS, TOKEN_ADDRESS, ZNN_ZTS } from '../../constants.ts'
import { ErrorText } from '../errorTexts.ts'

export const ISSUE_TOKEN_SIGNATURE = 'IssueToken(string,string,string,uint256,uint256,uint8,bool,bool,bool)'
export const MINT_SIGNATURE = 'Mint(tokenStandard,uint256,address)'
export const BURN_SIGNATURE = 'Burn()'

const TOKEN_ISSUE_AMOUNT = 1n * COIN
const TOKEN_MAX_SUPPLY = (1n << 255n) - 1n
const NAME_RE = /^([a-zA-Z0-9]+[-._]?)*[a-zA-Z0-9]$/
const SYMBOL_RE = /^[A-Z0-9]+$/
const DOMAIN_RE = /^([A-Za-z0-9][A-Za-z0-9-]{0,61}[A-Za-z0-9]\.)+[A-Za-z]{2,}$/

interface IssueParams {
  name: string
  symbol: string
  domain: string
  totalSupply: bigint
  maxSupply: bigint
  decimals: bigint
  isMintable: boolean
  isBurnable: boolean
  isUtility: boolean
}

function decodeOr(signature: string, data: Uint8Array): unknown[] {
  try {
    return decodeCall(signature, data)
  } catch {
    throw new EmbeddedContractError(ErrorText.unpackError)
  }
}

function issueParams(data: Uint8Array): IssueParams {
  const [name, symbol, domain, totalSupply, maxSupply, decimals, isMintable, isBurnable, isUtility] = decodeOr(ISSUE_TOKEN_SIGNATURE, data) as [
    string, string, string, bigint, bigint, bigint, boolean, boolean, boolean,
  ]
  return { name, symbol, domain, totalSupply, maxSupply, decimals, isMintable, isBurnable, isUtility }
}

/** checkToken: go-zenon's name/symbol/domain/decimals/supply rules. */
function checkToken(p: IssueParams): void {
  const bytes = (s: string) => Buffer.byteLength(s, 'utf8')
  const text = () => new EmbeddedContractError(ErrorText.tokenInvalidText)
  if (bytes(p.name) === 0 || bytes(p.name) > 40) throw text()
  if (bytes(p.symbol) === 0 || bytes(p.symbol) > 10) throw text()
  if (bytes(p.domain) > 128) throw text()
  if (!NAME_RE.test(p.name)) throw text()
  if (!SYMBOL_RE.test(p.symbol)) throw text()
  if (p.domain.length !== 0 && !DOMAIN_RE.test(p.domain)) throw text()
  if (p.symbol === 'ZNN' || p.symbol === 'QSR') throw text()
  if (p.decimals > 18n) throw text()
  const amount = () => new EmbeddedContractError(ErrorText.tokenInvalidAmount)
  if (p.maxSupply > TOKEN_MAX_SUPPLY || p.maxSupply === 0n) throw amount()
  if (p.maxSupply < p.totalSupply) throw amount()
  if (!p.isMintable && p.maxSupply !== p.totalSupply) throw amount()
}

function validateIssue(send: AccountBlock): void {
  checkToken(issueParams(send.data))
  if (!bytesEqual(send.tokenStandard, ZNN_ZTS)) throw new EmbeddedContractError(ErrorText.invalidTokenOrAmount)
  if (send.amount !== TOKEN_ISSUE_AMOUNT) throw new EmbeddedContractError(ErrorText.invalidTokenOrAmount)
}

async function executeIssue(ctx: ExecutionContext, send: AccountBlock): Promise<void> {
  validateIssue(send)
  const b = asBuiltin(ctx)
  const p = issueParams(send.data)
  const zts = tokenStandardFromSendHash(send.hash)
  if ((await b.tokenInfo(zts)) !== undefined) throw new EmbeddedContractError(ErrorText.idNotUnique)
  const info: TokenInfo = {
    name: p.name,
    symbol: p.symbol,
    domain: p.domain,
    totalSupply: p.totalSupply,
    decimals: Number(p.decimals),
    owner: send.address,
    tokenStandard: zts,
    maxSupply: p.maxSupply,
    isBurnable: p.isBurnable,
    isMintable: p.isMintable,
    isUtility: p.isUtility,
  }
  b.putTokenInfo(info)
  await b.mint(zts, p.totalSupply)
  b.send({ to: send.address, token: zts, amount: p.totalSupply })
}

function validateMint(send: AccountBlock): void {
  const [, amount] = decodeOr(MINT_SIGNATURE, send.data) as [Uint8Array, bigint, Uint8Array]
  if (amount <= 0n) throw new EmbeddedContractError(ErrorText.invalidTokenOrAmount)
  if (send.amount !== 0n) throw new EmbeddedContractError(ErrorText.invalidTokenOrAmount)
}

async function executeMint(ctx: ExecutionContext, send: AccountBlock): Promise<void> {
  validateMint(send)
  const b = asBuiltin(ctx)
  const [zts, amount, receiver] = decodeCall(MINT_SIGNATURE, send.data) as [Uint8Array, bigint, Uint8Array]
  const info = await b.tokenInfo(zts)
  if (info === undefined) throw new EmbeddedContractError(ErrorText.dataNonExistent)
  if (!info.isMintable) throw new EmbeddedContractError(ErrorText.permissionDenied)
  if (info.maxSupply - info.totalSupply < amount) throw new EmbeddedContractError(ErrorText.tokenInvalidAmount)
  if (bytesEqual(zts, ZNN_ZTS) || bytesEqual(zts, QSR_ZTS)) {
    if (!isEmbeddedAddress(send.address)) throw new EmbeddedContractError(ErrorText.permissionDenied)
  } else if (!bytesEqual(info.owner, send.address)) {
    throw new EmbeddedContractError(ErrorText.permissionDenied)
  }
  b.putTokenInfo({ ...info, totalSupply: info.totalSupply + amount })
  await b.mint(zts, amount)
  b.send({ to: receiver, token: zts, amount })
}

function validateBurn(send: AccountBlock): void {
  decodeOr(BURN_SIGNATURE, send.data)
  if (send.amount <= 0n) throw new EmbeddedContractError(ErrorText.invalidTokenOrAmount)
}

async function executeBurn(ctx: ExecutionContext, send: AccountBlock): Promise<void> {
  validateBurn(send)
  const b = asBuiltin(ctx)
  const info = await b.tokenInfo(send.tokenStandard)
  if (info === undefined) throw new EmbeddedContractError(ErrorText.dataNonExistent)
  if (!info.isBurnable && !bytesEqual(info.owner, send.address)) throw new EmbeddedContractError(ErrorText.permissionDenied)
  b.putTokenInfo({
    ...info,
    maxSupply: info.isMintable ? info.maxSupply : info.maxSupply - send.amount,
    totalSupply: info.totalSupply - send.amount,
  })
  await b.burn(send.tokenStandard, send.amount)
}

/** The token contract; its read API (embedded.token.*) is served by the devnet RPC itself. */
export function createTokenContract(): EmbeddedContract {
  return {
    address: TOKEN_ADDRESS,
    name: 'token',
    methods: [
      { signature: ISSUE_TOKEN_SIGNATURE, plasma: EMBEDDED_WITHDRAW_PLASMA, validateSend: validateIssue, execute: executeIssue },
      { signature: MINT_SIGNATURE, plasma: EMBEDDED_WITHDRAW_PLASMA, validateSend: validateMint, execute: executeMint },
      { signature: BURN_SIGNATURE, plasma: EMBEDDED_SIMPLE_PLASMA, validateSend: validateBurn, execute: executeBurn },
    ],
    rpc: {},
  }
}
