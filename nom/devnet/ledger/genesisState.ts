/**
 * Writes the genesis state into an empty database: token infos (total supply = what genesis
 * hands out), balances, fusion entries in the plasma contract, one unsigned GenesisReceive block
 * (height 1) per account that holds state, and the unsigned genesis momentum (height 1) whose
 * content is those blocks. The genesis fusion id of entry i is H("nomx genesis fusion" || u64be(i)).
 */
import type { AccountBlock, Address, Momentum } from '../../types.ts'
import { BlockType } from '../../types.ts'
import type { Genesis } from '../genesis.ts'
import { Overlay } from '../db/store.ts'
import type { Store } from '../db/store.ts'
import { ChainWriter } from './chain.ts'
import { changesHash } from './changesHash.ts'
import * as K from '../db/keys.ts'
import { encodeU64 } from '../db/codec.ts'
import { emptyAccountBlock, hashAccountBlock } from '../../accountBlock.ts'
import { ZERO_HASH, sha3, toHex, u64be, fromHex } from '../../hash.ts'
import { formatTokenStandard, parseTokenStandard } from '../../tokenStandard.ts'
import { hashMomentum, momentumContentEntry } from '../../momentum.ts'
import { PLASMA_ADDRESS, QSR_ZTS, TOKEN_ADDRESS, FUSE_EXPIRATION_MOMENTUMS } from '../../constants.ts'
import { encodeFusedAmount, encodeFusionInfo, fusedAmountKey, fusionInfoKey } from '../embedded/plasma.ts'

export async function writeGenesis(store: Store, genesis: Genesis): Promise<Momentum> {
  const overlay = new Overlay(store)
  const perAccount = new Map<string, Overlay>()
  const scopeOf = (address: Address): ChainWriter => {
    const key = toHex(address)
    let o = perAccount.get(key)
    if (o === undefined) {
      o = overlay.fork()
      perAccount.set(key, o)
    }
    return new ChainWriter(o)
  }

  const supply = new Map<string, bigint>()
  const addSupply = (zts: string, amount: bigint) => supply.set(zts, (supply.get(zts) ?? 0n) + amount)
  for (const a of genesis.accounts) {
    const w = scopeOf(a.address)
    for (const [zts, amount] of a.balances) {
      await w.addBalance(a.address, parseTokenStandard(zts), amount)
      addSupply(zts, amount)
    }
  }
  if (genesis.fusions.length > 0) {
    const w = scopeOf(PLASMA_ADDRESS)
    const fused = new Map<string, bigint>()
    genesis.fusions.forEach((f, i) => {
      const id = sha3(new TextEncoder().encode('nomx genesis fusion'), u64be(BigInt(i)))
      w.putContractValue(PLASMA_ADDRESS, fusionInfoKey(f.owner, id), encodeFusionInfo({ owner: f.owner, id, qsrAmount: f.qsrAmount, expirationHeight: f.expirationHeight ?? 1n + FUSE_EXPIRATION_MOMENTUMS, beneficiary: f.beneficiary }))
      fused.set(toHex(f.beneficiary), (fused.get(toHex(f.beneficiary)) ?? 0n) + f.qsrAmount)
    })
    let total = 0n
    for (const [beneficiary, amount] of fused) {
      w.putContractValue(PLASMA_ADDRESS, fusedAmountKey(fromHex(beneficiary)), encodeFusedAmount(amount))
      total += amount
    }
    await w.addBalance(PLASMA_ADDRESS, QSR_ZTS, total)
    addSupply(formatTokenStandard(QSR_ZTS), total)
  }
  const tokenWriter = scopeOf(TOKEN_ADDRESS)
  for (const t of genesis.tokens) {
    const totalSupply = supply.get(formatTokenStandard(t.tokenStandard)) ?? 0n
    tokenWriter.setTokenInfo({ ...t, totalSupply, maxSupply: t.maxSupply < totalSupply ? totalSupply : t.maxSupply })
  }

  const blocks: AccountBlock[] = []
  for (const [key, scope] of perAccount) {
    const address = fromHex(key)
    const block = emptyAccountBlock({
      chainIdentifier: genesis.chainIdentifier,
      blockType: BlockType.GenesisReceive,
      height: 1n,
      address,
      changesHash: changesHash(scope.ops()),
    })
    block.hash = hashAccountBlock(block)
    scope.commitInto(overlay)
    blocks.push(block)
  }
  blocks.sort((a, b) => Buffer.compare(momentumContentEntry(a), momentumContentEntry(b)))
  const w = new ChainWriter(overlay)
  for (const b of blocks) {
    w.putConfirmedBlock(b, 1n)
    w.setAccountFrontier(b.address, 1n, b.hash)
  }
  const unsigned = {
    version: 1n,
    chainIdentifier: genesis.chainIdentifier,
    previousHash: ZERO_HASH,
    height: 1n,
    timestamp: genesis.timestamp,
    data: new TextEncoder().encode(genesis.extraData),
    content: blocks.map((b) => ({ address: b.address, hash: b.hash, height: b.height })),
    changesHash: changesHash(overlay.ops()),
  }
  const momentum: Momentum = { ...unsigned, hash: hashMomentum(unsigned), publicKey: new Uint8Array(0), signature: new Uint8Array(0) }
  w.putMomentum(momentum)
  overlay.put(K.metaChainIdentifierKey(), encodeU64(genesis.chainIdentifier))
  await store.write(overlay.ops())
  return momentum
}
