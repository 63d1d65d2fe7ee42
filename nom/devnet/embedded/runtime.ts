/**
 * Runs one contract receive, as go-zenon's VM generateEmbeddedReceive does: credit the deposit,
 * run the method, turn its payouts into ContractSend descendants (heights before the receive,
 * sharing its momentumAcknowledged), data u64be(1). On any failure every write is dropped, the
 * deposit is refunded with one ContractSend (if amount > 0) and data is u64be(2).
 */
import type { AccountBlock, Address, Momentum, TokenInfo, TokenStandard } from '../../types.ts'
import { BlockType } from '../../types.ts'
import type { ContractStorage, LedgerReader, WritableContractStorage } from './types.ts'
import type { BuiltinExecutionContext } from './builtin.ts'
import type { ContractRegistry } from './registry.ts'
import { ChainWriter } from '../ledger/chain.ts'
import type { Overlay } from '../db/store.ts'
import { emptyAccountBlock, hashAccountBlock } from '../../accountBlock.ts'
import { ZERO_HASH, u64be } from '../../hash.ts'
import { ACCOUNT_BLOCK_VERSION } from '../../constants.ts'
import { ErrorText } from '../errorTexts.ts'
import { changesHash } from '../ledger/changesHash.ts'

export interface ContractReceiveResult {
  receive: AccountBlock
  /** The descendants in height order (also inside `receive.descendantBlocks`). */
  descendants: AccountBlock[]
  /** undefined on success; the failure text otherwise. */
  error?: string
}

interface Payout {
  to: Address
  token: TokenStandard
  amount: bigint
  data?: Uint8Array
}

function storageOver(writer: ChainWriter, contract: Address): WritableContractStorage {
  return {
    get: (key) => writer.contractValue(contract, key),
    entries: (prefix) => {
      const list = writer.contractEntries(contract, prefix)
      return (async function* () {
        for (const e of await list) yield e
      })()
    },
    put: (key, value) => writer.putContractValue(contract, key, value),
    delete: (key) => writer.deleteContractValue(contract, key),
  }
}

/** A ContractStorage reading `contract`'s storage through a chain reader (for RPC reads). */
export function readOnlyStorage(reader: { contractValue(c: Address, k: Uint8Array): Promise<Uint8Array | undefined>; contractEntries(c: Address, p: Uint8Array): Promise<Array<[Uint8Array, Uint8Array]>> }, contract: Address): ContractStorage {
  return {
    get: (key) => reader.contractValue(contract, key),
    entries: (prefix) => {
      const list = reader.contractEntries(contract, prefix)
      return (async function* () {
        for (const e of await list) yield e
      })()
    },
  }
}

async function payOut(writer: ChainWriter, contract: Address, payouts: readonly Payout[]): Promise<void> {
  for (const p of payouts) {
    if (p.amount < 0n) throw new Error(ErrorText.insufficientBalance)
    if (p.amount === 0n) continue
    const have = await writer.balance(contract, p.token)
    if (have < p.amount) throw new Error(ErrorText.insufficientBalance)
    writer.setBalance(contract, p.token, have - p.amount)
  }
}

/**
 * Executes `send` (a confirmed send to an embedded contract) into `overlay`. `momentum` is the
 * momentum that confirmed the send; `frontier` is the contract's current chain frontier.
 */
export async function executeContractReceive(args: {
  overlay: Overlay
  registry: ContractRegistry
  ledger: LedgerReader
  send: AccountBlock
  momentum: Momentum
  chainIdentifier: bigint
  frontier: { height: bigint; hash: Uint8Array }
}): Promise<ContractReceiveResult> {
  const { overlay, registry, send, momentum } = args
  const contract = send.toAddress
  let scope = overlay.fork()
  let writer = new ChainWriter(scope)
  let payouts: Payout[] = []
  let error: string | undefined
  try {
    await writer.addBalance(contract, send.tokenStandard, send.amount)
    const found = registry.lookup(contract, send.data)
    if (found.kind !== 'method') throw new Error(found.kind === 'noContract' ? ErrorText.contractDoesntExist : ErrorText.contractMethodNotFound)
    const w = writer
    const ctx: BuiltinExecutionContext = {
      momentum,
      contract,
      storage: storageOver(w, contract),
      ledger: args.ledger,
      send: (p) => {
        payouts.push({ ...p })
      },
      tokenInfo: (zts) => w.tokenInfo(zts),
      putTokenInfo: (info: TokenInfo) => w.setTokenInfo(info),
      mint: async (token, amount) => {
        await w.addBalance(contract, token, amount)
      },
      burn: async (token, amount) => {
        const have = await w.balance(contract, token)
        if (have < amount) throw new Error(ErrorText.insufficientBalance)
        w.setBalance(contract, token, have - amount)
      },
    }
    await found.method.execute(ctx, send)
    await payOut(writer, contract, payouts)
  } catch (e) {
    error = e instanceof Error ? e.message : String(e)
    scope = overlay.fork()
    writer = new ChainWriter(scope)
    await writer.addBalance(contract, send.tokenStandard, send.amount)
    payouts = send.amount > 0n ? [{ to: send.address, token: send.tokenStandard, amount: send.amount }] : []
    await payOut(writer, contract, payouts)
  }

  const acknowledged = { hash: momentum.hash, height: momentum.height }
  let previousHash = args.frontier.hash
  let height = args.frontier.height + 1n
  const descendants: AccountBlock[] = []
  for (const p of payouts) {
    const d = emptyAccountBlock({
      version: ACCOUNT_BLOCK_VERSION,
      chainIdentifier: args.chainIdentifier,
      blockType: BlockType.ContractSend,
      previousHash,
      height,
      momentumAcknowledged: acknowledged,
      address: contract,
      toAddress: p.to,
      amount: p.amount,
      tokenStandard: p.token,
      data: p.data ?? new Uint8Array(0),
      changesHash: ZERO_HASH,
    })
    d.hash = hashAccountBlock(d)
    descendants.push(d)
    previousHash = d.hash
    height += 1n
  }
  const receive = emptyAccountBlock({
    version: ACCOUNT_BLOCK_VERSION,
    chainIdentifier: args.chainIdentifier,
    blockType: BlockType.ContractReceive,
    previousHash,
    height,
    momentumAcknowledged: acknowledged,
    address: contract,
    fromBlockHash: send.hash,
    descendantBlocks: descendants,
    data: u64be(error === undefined ? 1n : 2n),
    changesHash: changesHash(scope.ops()),
  })
  receive.hash = hashAccountBlock(receive)
  scope.commitInto(overlay)
  return error === undefined ? { receive, descendants } : { receive, descendants, error }
}
