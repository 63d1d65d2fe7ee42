/**
 * The plasma contract (go-zenon vm/embedded/implementation/plasma.go): Fuse(address) locks QSR for
 * a beneficiary's plasma, CancelFuse(hash) returns it after the lock. Storage as go-zenon keeps it:
 * 0x01 owner id → fusionInfo(uint256 amount, uint64 expirationHeight, address beneficiary),
 * 0x02 beneficiary → fusedAmount(uint256 amount).
 */
import type { AccountBlock, Address, Hash } from '../../types.ts'
import type { ContractStorage, EmbeddedContract, ExecutionContext } from './types.ts'
import { EmbeddedContractError } from './types.ts'
import { decodeCall, decodeVariable, encodeVariable } from '../../abi.ts'
import { bytesEqual, concatBytes } from '../../hash.ts'
import { formatAddress } from '../../address.ts'
import { EMBEDDED_SIMPLE_PLASMA, EMBEDDED_WITHDRAW_PLASMA, FUSE_EXPIRATION_MOMENTUMS, FUSION_UNIT, MIN_FUSION_AMOUNT, PLASMA_ADDRESS, QSR_ZTS } from '../../constants.ts'
import { ErrorText } from '../errorTexts.ts'

export const FUSE_SIGNATURE = 'Fuse(address)'
export const CANCEL_FUSE_SIGNATURE = 'CancelFuse(hash)'
const FUSION_INFO_TYPES = ['uint256', 'uint64', 'address']
const FUSED_AMOUNT_TYPES = ['uint256']

export interface FusionEntry {
  owner: Address
  id: Hash
  qsrAmount: bigint
  expirationHeight: bigint
  beneficiary: Address
}

export const fusionInfoKey = (owner: Address, id: Hash): Uint8Array => concatBytes(Uint8Array.of(1), owner, id)
export const fusedAmountKey = (beneficiary: Address): Uint8Array => concatBytes(Uint8Array.of(2), beneficiary)

export function encodeFusionInfo(e: FusionEntry): Uint8Array {
  return encodeVariable(FUSION_INFO_TYPES, [e.qsrAmount, e.expirationHeight, e.beneficiary])
}

export function encodeFusedAmount(amount: bigint): Uint8Array {
  return encodeVariable(FUSED_AMOUNT_TYPES, [amount])
}

/** QSR fused for `beneficiary` (0 when none). */
export async function fusedAmount(storage: ContractStorage, beneficiary: Address): Promise<bigint> {
  const v = await storage.get(fusedAmountKey(beneficiary))
  return v === undefined ? 0n : (decodeVariable(FUSED_AMOUNT_TYPES, v)[0] as bigint)
}

/** Fusion entries owned by `owner`, sorted as go-zenon's RPC sorts them (expiration height, then beneficiary text). */
export async function fusionEntriesByOwner(storage: ContractStorage, owner: Address): Promise<FusionEntry[]> {
  const out: FusionEntry[] = []
  for await (const [key, value] of storage.entries(concatBytes(Uint8Array.of(1), owner))) {
    const [qsrAmount, expirationHeight, beneficiary] = decodeVariable(FUSION_INFO_TYPES, value) as [bigint, bigint, Uint8Array]
    out.push({ owner, id: key.slice(21, 53), qsrAmount, expirationHeight, beneficiary })
  }
  return out.sort((a, b) => {
    if (a.expirationHeight !== b.expirationHeight) return a.expirationHeight < b.expirationHeight ? -1 : 1
    const x = formatAddress(a.beneficiary)
    const y = formatAddress(b.beneficiary)
    return x < y ? -1 : x > y ? 1 : 0
  })
}

function decodeOr(signature: string, data: Uint8Array): unknown[] {
  try {
    return decodeCall(signature, data)
  } catch {
    throw new EmbeddedContractError(ErrorText.unpackError)
  }
}

function validateFuse(send: AccountBlock): void {
  decodeOr(FUSE_SIGNATURE, send.data)
  if (!bytesEqual(send.tokenStandard, QSR_ZTS) || send.amount < MIN_FUSION_AMOUNT) throw new EmbeddedContractError(ErrorText.invalidTokenOrAmount)
  if (send.amount % FUSION_UNIT !== 0n) throw new EmbeddedContractError(ErrorText.invalidTokenOrAmount)
}

async function executeFuse(ctx: ExecutionContext, send: AccountBlock): Promise<void> {
  validateFuse(send)
  const [beneficiary] = decodeCall(FUSE_SIGNATURE, send.data) as [Uint8Array]
  const entry: FusionEntry = {
    owner: send.address,
    id: send.hash,
    qsrAmount: send.amount,
    expirationHeight: ctx.momentum.height + FUSE_EXPIRATION_MOMENTUMS,
    beneficiary,
  }
  ctx.storage.put(fusionInfoKey(entry.owner, entry.id), encodeFusionInfo(entry))
  const total = (await fusedAmount(ctx.storage, beneficiary)) + send.amount
  ctx.storage.put(fusedAmountKey(beneficiary), encodeFusedAmount(total))
}

function validateCancelFuse(send: AccountBlock): void {
  decodeOr(CANCEL_FUSE_SIGNATURE, send.data)
  if (send.amount > 0n) throw new EmbeddedContractError(ErrorText.invalidTokenOrAmount)
}

async function executeCancelFuse(ctx: ExecutionContext, send: AccountBlock): Promise<void> {
  validateCancelFuse(send)
  const [id] = decodeCall(CANCEL_FUSE_SIGNATURE, send.data) as [Uint8Array]
  const raw = await ctx.storage.get(fusionInfoKey(send.address, id))
  if (raw === undefined) throw new EmbeddedContractError(ErrorText.dataNonExistent)
  const [qsrAmount, expirationHeight, beneficiary] = decodeVariable(FUSION_INFO_TYPES, raw) as [bigint, bigint, Uint8Array]
  if (expirationHeight > ctx.momentum.height) throw new EmbeddedContractError(ErrorText.revokeNotDue)
  const remaining = (await fusedAmount(ctx.storage, beneficiary)) - qsrAmount
  if (remaining === 0n) ctx.storage.delete(fusedAmountKey(beneficiary))
  else ctx.storage.put(fusedAmountKey(beneficiary), encodeFusedAmount(remaining))
  ctx.storage.delete(fusionInfoKey(send.address, id))
  ctx.send({ to: send.address, token: QSR_ZTS, amount: qsrAmount })
}

/** The plasma contract; its read API (embedded.plasma.*) is served by the devnet RPC itself. */
export function createPlasmaContract(): EmbeddedContract {
  return {
    address: PLASMA_ADDRESS,
    name: 'plasma',
    methods: [
      { signature: FUSE_SIGNATURE, plasma: EMBEDDED_SIMPLE_PLASMA, validateSend: validateFuse, execute: executeFuse },
      { signature: CANCEL_FUSE_SIGNATURE, plasma: EMBEDDED_WITHDRAW_PLASMA, validateSend: validateCancelFuse, execute: executeCancelFuse },
    ],
    rpc: {},
  }
}
