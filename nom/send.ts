/**
 * Publishing helpers: fill height, previousHash and momentumAcknowledged from the node, ask
 * embedded.plasma.getRequiredPoWForAccountBlock, do PoW in a worker thread when plasma is short
 * (fusedPlasma = available, difficulty = required), hash, sign, publish; wait for a confirmation;
 * receive everything unreceived. Blocks of one account must be published one at a time.
 */
import type { AccountBlock, Address, Hash, TokenStandard } from './types.ts'
import { BlockType } from './types.ts'
import type { KeyPair } from './keys.ts'
import type { NoMClient } from './rpc/client.ts'
import type { AccountBlockWithExtras } from './json.ts'
import { emptyAccountBlock, signAccountBlock } from './accountBlock.ts'
import { ZERO_ADDRESS } from './address.ts'
import { ZERO_ZTS } from './tokenStandard.ts'
import { ZERO_HASH, toHex } from './hash.ts'
import { solvePoWInWorker } from './powWorker.ts'
import { TimeoutError } from './errors.ts'
import { RPC_MAX_UNRECEIVED_PAGE_INDEX, RPC_MAX_UNRECEIVED_PAGE_SIZE } from './constants.ts'

export interface PublishOptions {
  /** Worker threads for PoW (default 1). */
  powWorkers?: number
  /** First PoW nonce tried (default random). */
  powStartNonce?: Uint8Array
  signal?: AbortSignal
}

/** What the caller decides; the rest is filled from the node. */
export interface BlockTemplate {
  blockType: typeof BlockType.UserSend | typeof BlockType.UserReceive
  toAddress?: Address
  amount?: bigint
  tokenStandard?: TokenStandard
  fromBlockHash?: Hash
  data?: Uint8Array
}

/** Builds the complete signed block for `template` (PoW included) without publishing it. */
export async function prepareBlock(client: NoMClient, keyPair: KeyPair, template: BlockTemplate, options: PublishOptions = {}): Promise<AccountBlock> {
  const [frontierBlock, frontierMomentum] = await Promise.all([client.getFrontierAccountBlock(keyPair.address), client.getFrontierMomentum()])
  const data = template.data ?? new Uint8Array(0)
  const toAddress = template.toAddress ?? ZERO_ADDRESS
  const required = await client.getRequiredPoWForAccountBlock({
    address: keyPair.address,
    blockType: template.blockType,
    toAddress: template.blockType === BlockType.UserSend ? toAddress : null,
    data,
  })
  const previousHash = frontierBlock?.hash ?? ZERO_HASH
  let fusedPlasma = required.basePlasma
  let difficulty = 0n
  let nonce: Uint8Array = new Uint8Array(8)
  if (required.requiredDifficulty > 0n) {
    fusedPlasma = required.availablePlasma
    difficulty = required.requiredDifficulty
    const powOptions = {
      ...(options.powWorkers !== undefined ? { workers: options.powWorkers } : {}),
      ...(options.powStartNonce !== undefined ? { startNonce: options.powStartNonce } : {}),
      ...(options.signal !== undefined ? { signal: options.signal } : {}),
    }
    nonce = await solvePoWInWorker(keyPair.address, previousHash, difficulty, powOptions)
  }
  const block = emptyAccountBlock({
    chainIdentifier: frontierMomentum.chainIdentifier,
    blockType: template.blockType,
    previousHash,
    height: (frontierBlock?.height ?? 0n) + 1n,
    momentumAcknowledged: { hash: frontierMomentum.hash, height: frontierMomentum.height },
    address: keyPair.address,
    toAddress,
    amount: template.amount ?? 0n,
    tokenStandard: template.tokenStandard ?? ZERO_ZTS,
    fromBlockHash: template.fromBlockHash ?? ZERO_HASH,
    data,
    fusedPlasma,
    difficulty,
    nonce,
  })
  return signAccountBlock(block, keyPair)
}

/** Prepares, signs and publishes; resolves with the published block once the node accepted it. */
export async function publishBlock(client: NoMClient, keyPair: KeyPair, template: BlockTemplate, options: PublishOptions = {}): Promise<AccountBlock> {
  const block = await prepareBlock(client, keyPair, template, options)
  await client.publishRawTransaction(block)
  return block
}

export interface SendParams {
  toAddress: Address
  tokenStandard: TokenStandard
  amount: bigint
  data?: Uint8Array
}

export function publishSend(client: NoMClient, keyPair: KeyPair, send: SendParams, options: PublishOptions = {}): Promise<AccountBlock> {
  return publishBlock(client, keyPair, { blockType: BlockType.UserSend, ...send }, options)
}

export function publishReceive(client: NoMClient, keyPair: KeyPair, fromBlockHash: Hash, options: PublishOptions = {}): Promise<AccountBlock> {
  return publishBlock(client, keyPair, { blockType: BlockType.UserReceive, fromBlockHash }, options)
}

export interface WaitOptions {
  /** Default 60 s. */
  timeoutMs?: number
  /** Polling interval, default 250 ms. */
  pollMs?: number
  signal?: AbortSignal
}

/** Polls until the block is in a momentum; resolves with it (confirmationDetail set). */
export async function waitForConfirmation(client: NoMClient, hash: Hash, options: WaitOptions = {}): Promise<AccountBlockWithExtras> {
  const timeoutMs = options.timeoutMs ?? 60_000
  const pollMs = options.pollMs ?? 250
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const block = await client.getAccountBlockByHash(hash)
    if (block !== null && block.confirmationDetail !== null) return block
    if (options.signal?.aborted === true) throw new TimeoutError(`waiting for ${toHex(hash)} was aborted`)
    if (Date.now() + pollMs > deadline) throw new TimeoutError(`block ${toHex(hash)} not confirmed within ${timeoutMs} ms`)
    await new Promise((r) => setTimeout(r, pollMs))
  }
}

/**
 * Publishes a receive for every confirmed send waiting for `keyPair` (in the node's order); returns
 * them. Walks the pages the node allows (pageSize 50, pageIndex < 10) until a pass finds nothing new.
 */
export async function receiveAll(client: NoMClient, keyPair: KeyPair, options: PublishOptions = {}): Promise<AccountBlock[]> {
  const received: AccountBlock[] = []
  const done = new Set<string>()
  for (;;) {
    let progressed = false
    for (let page = 0; page < RPC_MAX_UNRECEIVED_PAGE_INDEX; page++) {
      const list = await client.getUnreceivedBlocksByAddress(keyPair.address, page, RPC_MAX_UNRECEIVED_PAGE_SIZE)
      for (const send of list.list) {
        if (done.has(toHex(send.hash))) continue
        received.push(await publishReceive(client, keyPair, send.hash, options))
        done.add(toHex(send.hash))
        progressed = true
      }
      if (list.list.length < RPC_MAX_UNRECEIVED_PAGE_SIZE) break
    }
    if (!progressed) return received
  }
}
