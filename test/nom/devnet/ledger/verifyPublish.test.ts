/**
 * ledger.publishRawTransaction refuses each broken rule with go-zenon's exact text, and a refused
 * block leaves no trace (frontier block, balances, unconfirmed list and frontier momentum unchanged).
 */
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import type { AccountBlock } from '../../../../nom/types.ts'
import { BlockType } from '../../../../nom/types.ts'
import { signAccountBlock, hashAccountBlock, emptyAccountBlock } from '../../../../nom/accountBlock.ts'
import { formatAddress } from '../../../../nom/address.ts'
import { encodeCall } from '../../../../nom/abi.ts'
import { solvePoW } from '../../../../nom/pow.ts'
import { ZERO_HASH, sha3 } from '../../../../nom/hash.ts'
import { ZERO_ZTS } from '../../../../nom/tokenStandard.ts'
import { PLASMA_ADDRESS, QSR_ZTS, ZNN_ZTS } from '../../../../nom/constants.ts'
import type { KeyPair } from '../../../../nom/keys.ts'
import { ErrorText } from '../../../../nom/devnet/errorTexts.ts'
import { defaultGenesis, devKey, frontierBlock, frontierMomentum, publish, receive, send, startDevnet, template } from '../helpers.ts'
import type { TestDevnet } from '../helpers.ts'

let net: TestDevnet
const A = devKey(0)
const B = devKey(1)
const C = devKey(2)
const BIG = devKey(3) // fuses 5,000 QSR in this test's genesis
const POOR = devKey(9) // no fusion

before(async () => {
  const genesis = await defaultGenesis()
  const fusions = genesis.fusions as Array<Record<string, unknown>>
  fusions[3] = { ...fusions[3], qsrAmount: '500000000000' }
  net = await startDevnet({ genesis })
})
after(async () => {
  await net.dispose()
})

async function snapshot(key: KeyPair): Promise<string> {
  const a = formatAddress(key.address)
  return JSON.stringify([
    await net.call('ledger.getFrontierAccountBlock', [a]),
    await net.call('ledger.getAccountInfoByAddress', [a]),
    await net.call('ledger.getUnconfirmedBlocksByAddress', [a, 0, 50]),
    await net.call('ledger.getFrontierMomentum'),
    await net.call('embedded.plasma.get', [a]),
  ])
}

/** Publishes `block`, expects go-zenon's `text` (code -32000) and an unchanged account. */
async function refused(key: KeyPair, block: AccountBlock, text: string): Promise<void> {
  const before = await snapshot(key)
  const r = await publish(net, block)
  assert.deepEqual(r.error, { code: -32000, message: text })
  assert.equal(await snapshot(key), before)
}

const resign = (b: AccountBlock, key: KeyPair): AccountBlock => signAccountBlock(b, key)
const plainSend = (fields: Partial<AccountBlock> = {}) => send(net, A, B.address, 1n, ZNN_ZTS, fields)

describe('publishRawTransaction refusals (go-zenon texts, no trace)', () => {
  test('chain identifier of another network', async () => {
    await refused(A, await plainSend({ chainIdentifier: 1n }), 'the block has a different network Id (1) from the node (100)')
  })
  test('chain identifier zero', async () => {
    await refused(A, await plainSend({ chainIdentifier: 0n }), ErrorText.chainIdentifierMissing)
  })
  test('unknown token standard', async () => {
    await refused(A, await plainSend({ tokenStandard: sha3(Uint8Array.of(9)).slice(0, 10) }), 'ts doesn’t exist')
  })
  test('ContractSend published by a user', async () => {
    await refused(A, await plainSend({ blockType: BlockType.ContractSend }), "can't apply BlockTypeContractSend")
  })
  test('height zero', async () => {
    await refused(A, await plainSend({ height: 0n }), ErrorText.heightMissing)
  })
  test('height 1 with a previous hash', async () => {
    const f = (await frontierBlock(net, A.address))!
    await refused(A, await plainSend({ height: 1n, previousHash: f.hash }), ErrorText.prevHashMustBeZero)
  })
  test('height above 1 with a zero previous hash', async () => {
    await refused(A, await plainSend({ previousHash: ZERO_HASH }), ErrorText.prevHashMissing)
  })
  test('zero momentumAcknowledged', async () => {
    await refused(A, await plainSend({ momentumAcknowledged: { hash: ZERO_HASH, height: 0n } }), ErrorText.momentumAcknowledgedZero)
  })
  test('momentumAcknowledged that does not exist', async () => {
    const m = await frontierMomentum(net)
    await refused(A, await plainSend({ momentumAcknowledged: { hash: sha3(m.hash), height: m.height } }), ErrorText.momentumAcknowledgedMissing)
  })
  test('previous block missing (height gap)', async () => {
    const f = (await frontierBlock(net, A.address))!
    await refused(A, await plainSend({ height: f.height + 2n, previousHash: sha3(f.hash) }), ErrorText.previousMissing)
  })
  test('height already taken', async () => {
    await refused(A, await plainSend({ height: 1n, previousHash: ZERO_HASH }), ErrorText.prevHeightExists)
  })
  test('version zero and version 2', async () => {
    await refused(A, await plainSend({ version: 0n }), ErrorText.versionMissing)
    await refused(A, await plainSend({ version: 2n }), ErrorText.versionInvalid)
  })
  test('genesis block type', async () => {
    await refused(A, await plainSend({ blockType: BlockType.GenesisReceive }), ErrorText.typeMustNotBeGenesis)
  })
  test('contract receive from a user address', async () => {
    await refused(A, await plainSend({ blockType: BlockType.ContractReceive }), ErrorText.typeMustBeUser)
  })
  test('user send from an embedded address', async () => {
    const f = (await frontierBlock(net, PLASMA_ADDRESS))!
    const t = await template(net, A, { blockType: BlockType.UserSend, address: PLASMA_ADDRESS, height: f.height + 1n, previousHash: f.hash, toAddress: B.address })
    await refused(A, resign(t, A), ErrorText.typeMustBeContract)
  })
  test('amount of 2^255', async () => {
    await refused(A, await plainSend({ amount: 1n << 255n }), ErrorText.amountTooBig)
  })
  test('amount without token standard', async () => {
    await refused(A, await plainSend({ tokenStandard: ZERO_ZTS }), ErrorText.ztsMissing)
  })
  test('send with a from-block hash', async () => {
    await refused(A, await plainSend({ fromBlockHash: sha3(Uint8Array.of(1)) }), ErrorText.fromBlockHashMustBeZero)
  })
  test('receive rules: amount, zts, to-address, from-block hash', async () => {
    const from = sha3(Uint8Array.of(2))
    await refused(A, await receive(net, A, from, { amount: 1n }), ErrorText.amountMustBeZero)
    await refused(A, await receive(net, A, from, { tokenStandard: ZNN_ZTS }), ErrorText.ztsMustBeZero)
    await refused(A, await receive(net, A, from, { toAddress: B.address }), ErrorText.toAddressMustBeZero)
    await refused(A, await receive(net, A, ZERO_HASH), ErrorText.fromBlockHashMissing)
    await refused(A, await receive(net, A, from), ErrorText.fromBlockMissing)
  })
  test('PoW nonce that does not meet the difficulty', async () => {
    const t = await template(net, A, { blockType: BlockType.UserSend, toAddress: B.address, amount: 1n, tokenStandard: ZNN_ZTS, fusedPlasma: 21_000n, difficulty: 1_000_000n })
    let nonce = 0n
    const { checkPoW } = await import('../../../../nom/pow.ts')
    const bytes = new Uint8Array(8)
    for (;;) {
      new DataView(bytes.buffer).setBigUint64(0, nonce++)
      if (!checkPoW(A.address, t.previousHash, t.difficulty, bytes)) break
    }
    await refused(A, resign({ ...t, nonce: bytes }, A), ErrorText.powInvalid)
  })
  test('no fused plasma', async () => {
    await refused(POOR, await send(net, POOR, A.address, 1n, ZNN_ZTS), ErrorText.notEnoughPlasma)
  })
  test('more fused plasma than available', async () => {
    await refused(A, await plainSend({ fusedPlasma: 2_100_001n }), ErrorText.notEnoughPlasma)
  })
  test('total plasma above the per-block limit', async () => {
    const t = await template(net, BIG, { blockType: BlockType.UserSend, toAddress: A.address, amount: 1n, tokenStandard: ZNN_ZTS, fusedPlasma: 10_500_000n, difficulty: 1500n })
    const nonce = solvePoW(BIG.address, t.previousHash, 1500n)
    await refused(BIG, resign({ ...t, nonce }, BIG), ErrorText.blockPlasmaLimitReached)
  })
  test('fused + PoW plasma below base plasma', async () => {
    await refused(A, await plainSend({ fusedPlasma: 20_999n }), ErrorText.notEnoughTotalPlasma)
    const data = new Uint8Array(10) // base 21,000 + 680
    await refused(A, await plainSend({ data, fusedPlasma: 21_679n }), ErrorText.notEnoughTotalPlasma)
    const t = await template(net, A, { blockType: BlockType.UserSend, toAddress: B.address, amount: 1n, tokenStandard: ZNN_ZTS, fusedPlasma: 20_989n, difficulty: 15_000n })
    const nonce = solvePoW(A.address, t.previousHash, 15_000n)
    await refused(A, resign({ ...t, nonce }, A), ErrorText.notEnoughTotalPlasma)
  })
  test('data above 16 KiB and an unknown embedded method end in go-zenon’s VM panic', async () => {
    await refused(A, await plainSend({ data: new Uint8Array(16 * 1024 + 1), fusedPlasma: 2_000_000n }), ErrorText.vmPanic)
    await refused(A, await send(net, A, PLASMA_ADDRESS, 0n, ZERO_ZTS, { data: Uint8Array.of(1, 2, 3, 4), fusedPlasma: 52_500n }), ErrorText.vmPanic)
  })
  test('embedded validateSend: Fuse with ZNN, Fuse with bad arguments', async () => {
    const fuse = encodeCall('Fuse(address)', [B.address])
    await refused(A, await send(net, A, PLASMA_ADDRESS, 10n * 100_000_000n, ZNN_ZTS, { data: fuse, fusedPlasma: 52_500n }), ErrorText.invalidTokenOrAmount)
    await refused(A, await send(net, A, PLASMA_ADDRESS, 10n * 100_000_000n, QSR_ZTS, { data: fuse.slice(0, 20), fusedPlasma: 52_500n }), ErrorText.unpackError)
    await refused(A, await send(net, A, PLASMA_ADDRESS, 5n * 100_000_000n, QSR_ZTS, { data: fuse, fusedPlasma: 52_500n }), ErrorText.invalidTokenOrAmount)
  })
  test('amount above the balance', async () => {
    await refused(A, await plainSend({ amount: 100_000_000_000_001n }), ErrorText.insufficientBalance)
  })
  test('hash zero, hash not matching the fields', async () => {
    await refused(A, { ...(await plainSend()), hash: new Uint8Array(32) }, ErrorText.hashMissing)
    await refused(A, { ...(await plainSend()), amount: 2n }, ErrorText.hashInvalid)
  })
  test('signature missing, public key missing, signature invalid', async () => {
    await refused(A, { ...(await plainSend()), signature: new Uint8Array(0) }, ErrorText.signatureMissing)
    await refused(A, { ...(await plainSend()), publicKey: new Uint8Array(0) }, ErrorText.publicKeyMissing)
    const b = await plainSend()
    const sig = Uint8Array.from(b.signature)
    sig[0]! ^= 1
    await refused(A, { ...b, signature: sig }, ErrorText.signatureInvalid)
  })
  test('public key of another address', async () => {
    const t = await template(net, A, { blockType: BlockType.UserSend, toAddress: B.address, amount: 1n, tokenStandard: ZNN_ZTS, fusedPlasma: 21_000n })
    await refused(A, signAccountBlock(t, B), ErrorText.publicKeyWrongAddress)
  })
  test('user block with descendant blocks', async () => {
    const d = emptyAccountBlock({ chainIdentifier: 100n, blockType: BlockType.ContractSend, height: 1n, address: PLASMA_ADDRESS })
    d.hash = hashAccountBlock(d)
    await refused(A, await plainSend({ descendantBlocks: [d] }), ErrorText.descendantMustBeZero)
  })
  test('malformed JSON block is an invalid argument', async () => {
    const r = await net.raw('ledger.publishRawTransaction', [{ version: 1 }])
    assert.equal(r.error?.code, -32602)
    assert.match(r.error!.message, /^invalid argument 0: /)
    const n = await net.raw('ledger.publishRawTransaction', [null])
    assert.deepEqual(n.error, { code: -32000, message: 'parameter must not be null' })
  })
})

describe('rules that need chain history', () => {
  test('PoW + fused plasma, cemented previous, momentum gap, receive rules, exact balances', async () => {
    await net.produceMomentumNow()
    await net.produceMomentumNow()
    const m3 = await frontierMomentum(net)

    // fused 20,990 + PoW 15,000/1,500 = 21,000 ≥ base: accepted, plasma fields filled in
    const t = await template(net, C, { blockType: BlockType.UserSend, toAddress: A.address, amount: 5n, tokenStandard: ZNN_ZTS, fusedPlasma: 20_990n, difficulty: 15_000n })
    const nonce = solvePoW(C.address, t.previousHash, 15_000n)
    const pow = resign({ ...t, nonce }, C)
    assert.deepEqual((await publish(net, pow)).result, null)
    const pending = (await frontierBlock(net, C.address))!
    assert.equal(pending.usedPlasma, 21_000n)
    assert.equal(pending.basePlasma, 21_000n)
    const plasma = (await net.call('embedded.plasma.get', [formatAddress(C.address)])) as { currentPlasma: number }
    assert.equal(plasma.currentPlasma, 2_100_000 - 20_990)

    // a block on the genesis block of C, which now has a block on top of it
    const genesisBlock = (await net.call('ledger.getAccountBlocksByHeight', [formatAddress(C.address), 1, 1])) as { list: Array<{ hash: string }> }
    const onOld = await send(net, C, A.address, 1n, ZNN_ZTS, { height: 2n, previousHash: Buffer.from(genesisBlock.list[0]!.hash, 'hex') })
    await refused(C, onOld, ErrorText.prevHasCementedOnTop)

    // momentumAcknowledged below the previous block's
    const m2 = (await net.call('ledger.getMomentumsByHeight', [2, 1])) as { list: Array<{ hash: string; height: number }> }
    const older = await send(net, C, A.address, 1n, ZNN_ZTS, { momentumAcknowledged: { hash: Buffer.from(m2.list[0]!.hash, 'hex'), height: 2n } })
    assert.equal(m3.height, 3n)
    await refused(C, older, ErrorText.momentumAcknowledgedGap)

    await net.produceMomentumNow() // confirms C's send at height 4
    const before = await frontierMomentum(net)
    assert.equal(before.height, 4n)
    // a receive acknowledging a momentum before the send's confirmation does not see the send
    await refused(A, await receive(net, A, pow.hash, { momentumAcknowledged: { hash: m3.hash, height: m3.height } }), ErrorText.fromBlockMissing)
    await refused(B, await receive(net, B, pow.hash), ErrorText.fromBlockReceiverMismatch)
    assert.deepEqual((await publish(net, await receive(net, A, pow.hash))).result, null)
    await refused(A, await receive(net, A, pow.hash), ErrorText.fromBlockAlreadyReceived)

    await net.produceMomentumNow()
    const { balance } = await import('../helpers.ts')
    assert.equal(await balance(net, A.address, ZNN_ZTS), 100_000_000_000_000n + 5n)
    assert.equal(await balance(net, C.address, ZNN_ZTS), 100_000_000_000_000n - 5n)
    await refused(A, await receive(net, A, pow.hash), ErrorText.fromBlockAlreadyReceived)
  })
})
