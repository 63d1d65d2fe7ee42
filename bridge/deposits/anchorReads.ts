/**
 * The anchor and token reads the watcher needs, decoded from go-zenon JSON (contracts/anchor/SPEC.md §7):
 * `embedded.anchor.getChain` (depositConfirmations, createdAt, depositCount), `embedded.anchor.getDeposit`
 * and `embedded.token.getByZts`. A malformed answer is an InvalidJSONError (the watcher retries).
 */
import type { Hash, TokenStandard } from '../../nom/types.ts'
import type { NoMClient } from '../../nom/rpc/client.ts'
import { InvalidJSONError } from '../../nom/errors.ts'
import { tokenInfoFromJSON } from '../../nom/json.ts'
import { field, readAddress, readDecimal, readHash, readObject, readString, readTokenStandard, readUint } from '../../nom/jsonReader.ts'
import { formatTokenStandard } from '../../nom/tokenStandard.ts'
import type { AnchorDeposit, TokenMetadata } from './depositTransaction.ts'

/** The parts of the anchor's chain record the watcher reads. */
export interface AnchorChainInfo {
  depositConfirmations: bigint
  /** Momentum height that confirmed CreateChain: no deposit of the chain is older. */
  createdAt: bigint
  depositCount: bigint
}

export interface AnchorDepositWithSend extends AnchorDeposit {
  sendHash: Hash
}

/** `embedded.anchor.getChain [chainId]`; undefined when the chain does not exist (yet). */
export async function readAnchorChain(client: NoMClient, chainId: bigint): Promise<AnchorChainInfo | undefined> {
  const v = await client.call('embedded.anchor.getChain', [chainId.toString()])
  if (v === null) return undefined
  const path = 'embedded.anchor.getChain'
  const o = readObject(v, path)
  return {
    depositConfirmations: readUint(field(o, 'depositConfirmations', path), `${path}.depositConfirmations`),
    createdAt: readUint(field(o, 'createdAt', path), `${path}.createdAt`),
    depositCount: readUint(field(o, 'depositCount', path), `${path}.depositCount`),
  }
}

/** `embedded.anchor.getDeposit [chainId, index]`; undefined for a missing record. */
export async function readAnchorDeposit(client: NoMClient, chainId: bigint, index: bigint): Promise<AnchorDepositWithSend | undefined> {
  const v = await client.call('embedded.anchor.getDeposit', [chainId.toString(), index.toString()])
  if (v === null) return undefined
  const path = `embedded.anchor.getDeposit(${index})`
  const o = readObject(v, path)
  const recipient = readString(field(o, 'l2Recipient', path), `${path}.l2Recipient`)
  if (!/^0x[0-9a-fA-F]{40}$/.test(recipient)) throw new InvalidJSONError(`${path}.l2Recipient: expected a 0x address of 20 bytes, got ${JSON.stringify(recipient)}`)
  const deposit: AnchorDepositWithSend = {
    index: readUint(field(o, 'index', path), `${path}.index`),
    sender: readAddress(field(o, 'sender', path), `${path}.sender`),
    l2Recipient: new Uint8Array(Buffer.from(recipient.slice(2), 'hex')),
    tokenStandard: readTokenStandard(field(o, 'tokenStandard', path), `${path}.tokenStandard`),
    amount: readDecimal(field(o, 'amount', path), `${path}.amount`),
    momentumHeight: readUint(field(o, 'momentumHeight', path), `${path}.momentumHeight`),
    momentumHash: readHash(field(o, 'momentumHash', path), `${path}.momentumHash`),
    sendHash: readHash(field(o, 'sendHash', path), `${path}.sendHash`),
  }
  // DepositCall fields (SPEC.md §3.3a): a plain Deposit has gasLimit 0, value "0" and data "0x".
  const gasLimit = readUint(field(o, 'gasLimit', path), `${path}.gasLimit`)
  const value = readDecimal(field(o, 'value', path), `${path}.value`)
  const data = readString(field(o, 'data', path), `${path}.data`)
  if (!/^0x([0-9a-fA-F]{2})*$/.test(data)) throw new InvalidJSONError(`${path}.data: expected 0x hex bytes, got ${JSON.stringify(data.slice(0, 40))}`)
  if (gasLimit > 0n) deposit.call = { value, gasLimit, data: new Uint8Array(Buffer.from(data.slice(2), 'hex')) }
  else if (value !== 0n || data !== '0x') throw new InvalidJSONError(`${path}: a deposit without gasLimit must have value "0" and data "0x"`)
  if (deposit.index !== index) throw new InvalidJSONError(`${path}.index: expected ${index}, got ${deposit.index}`)
  return deposit
}

/** `embedded.token.getByZts [zts]` → the metadata a ZTS deposit carries; undefined for an unknown token. */
export async function readTokenMetadata(client: NoMClient, zts: TokenStandard): Promise<TokenMetadata | undefined> {
  const v = await client.call('embedded.token.getByZts', [formatTokenStandard(zts)])
  if (v === null) return undefined
  const info = tokenInfoFromJSON(v, 'embedded.token.getByZts')
  return { name: info.name, symbol: info.symbol, decimals: info.decimals }
}
