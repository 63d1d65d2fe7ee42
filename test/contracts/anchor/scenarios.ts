/**
 * The anchor's behaviour, written once against an AnchorDriver and run on the in-memory harness
 * (contract.test.ts) and through the real devnet with the nom/ client (devnet.test.ts).
 * Every rejection asserts the exact text and that nothing changed (read API + balances).
 */
import { test as nodeTest } from 'node:test'
import { keccak_256 } from '@noble/hashes/sha3.js'
import assert from 'node:assert/strict'
import type { Address, TokenStandard } from '../../../nom/types.ts'
import { QSR_ZTS, ZNN_ZTS } from '../../../nom/constants.ts'
import { concatBytes, fromHex, sha3, toHex, uintBE } from '../../../nom/hash.ts'
import { formatAddress } from '../../../nom/address.ts'
import {
  ChangeAdministratorABI,
  ChangeProposerABI,
  CreateChainABI,
  DepositABI,
  DepositCallABI,
  FinalizeWithdrawalABI,
  FlagABI,
  HaltABI,
  NominateGuardiansABI,
  PostBondABI,
  ProposeCommitmentABI,
  ProveWithdrawalABI,
  ResolveFlagABI,
  SetChainParamsABI,
  SubmitFrameABI,
  UnhaltABI,
  WithdrawBondABI,
} from '../../../contracts/anchor/abi.ts'
import type { CreateChainArgs, ProveWithdrawalArgs } from '../../../contracts/anchor/abi.ts'
import { ANCHOR_ADDRESS } from '../../../contracts/anchor/address.ts'
import { L2_TOKEN_BRIDGE, MAX_FRAME_BYTES } from '../../../contracts/anchor/constants.ts'
import type { WithdrawalTransaction } from '../../../contracts/anchor/withdrawalHash.ts'
import type { Actor, AnchorDriver } from './driver.ts'
import { buildL2Fixture, proofNodes } from './l2Fixture.ts'
import type { L2Fixture } from './l2Fixture.ts'

const ZNN = 100_000_000n
const P = {
  challengeWindow: 40n,
  sequencingWindow: 30n,
  depositConfirmations: 2n,
  proposerBond: 1000n * ZNN,
  flagBond: 100n * ZNN,
  unhaltCooldown: 10n,
}

function chainArgs(d: AnchorDriver, chainId: bigint, over: Partial<CreateChainArgs> = {}): CreateChainArgs {
  return {
    chainId,
    proposer: d.actors.proposer.address,
    ...P,
    guardians: d.actors.guardians.map((g) => g.address),
    quorum: 3n,
    ...over,
  }
}

const l2Address = (n: number): Uint8Array => fromHex(n.toString(16).padStart(2, '0').repeat(20))

async function ok(d: AnchorDriver, from: Actor, data: Uint8Array, amount = 0n, token: TokenStandard = ZNN_ZTS): Promise<void> {
  assert.deepEqual(await d.call(from, data, amount, token), { ok: true })
}

/**
 * Everything a rejection must leave unchanged: the chain's records through the read API, and balances.
 * The reads run side by side (one account's two balances in turn: each first receives what is waiting).
 */
async function snapshot(d: AnchorDriver, chainId: bigint, watched: Actor[], withdrawals: Uint8Array[] = []): Promise<unknown> {
  const strip = (list: { status?: string }[]) => list.map(({ status: _s, ...rest }) => rest)
  const withdrawal = async (h: Uint8Array) => {
    const r = await d.rpc('getWithdrawal', [Number(chainId), toHex(h)])
    if (r !== null) delete r.status
    if (r !== null) delete r.finalizableAt
    return r
  }
  const balancesOf = async (name: string, who: Actor | Address) => [name, await d.balance(who, ZNN_ZTS), await d.balance(who, QSR_ZTS)]
  const [commitments, w, balances, raw, chain, deposits, frames, security, challenges, anchorChallenges, anchorSecurity] = await Promise.all([
    d.rpc('getCommitments', [Number(chainId), 0, 100]),
    Promise.all(withdrawals.map(withdrawal)),
    Promise.all([...watched.map((a) => balancesOf(a.name, a)), balancesOf('anchor', ANCHOR_ADDRESS)]),
    d.rawStorage === undefined ? null : d.rawStorage(),
    d.rpc('getChain', [Number(chainId)]),
    d.rpc('getDeposits', [Number(chainId), 0, 100]),
    d.rpc('getFrames', [Number(chainId), 0, 100]),
    d.rpc('getSecurityInfo', [Number(chainId)]),
    d.rpc('getTimeChallengesInfo', [Number(chainId)]),
    d.rpc('getTimeChallengesInfo', []),
    d.rpc('getSecurityInfo', []),
  ])
  return {
    raw,
    chain,
    commitments: { ...commitments, list: strip(commitments.list) },
    deposits,
    frames,
    security,
    challenges,
    anchorChallenges,
    anchorSecurity,
    withdrawals: w,
    balances,
  }
}

async function rejected(
  d: AnchorDriver,
  chainId: bigint,
  from: Actor,
  data: Uint8Array,
  expected: { stage: 'publish' | 'execute'; error: string },
  opts: { amount?: bigint; token?: TokenStandard; withdrawals?: Uint8Array[] } = {},
): Promise<void> {
  const watched = [d.actors.admin, d.actors.proposer, d.actors.user, d.actors.flagger, d.actors.other, d.actors.guardians[0]!]
  const before = await snapshot(d, chainId, watched, opts.withdrawals)
  const result = await d.call(from, data, opts.amount ?? 0n, opts.token ?? ZNN_ZTS)
  assert.deepEqual(result, { ok: false, ...expected })
  assert.deepEqual(await snapshot(d, chainId, watched, opts.withdrawals), before)
}

async function setupChain(d: AnchorDriver, chainId: bigint, over: Partial<CreateChainArgs> = {}, bond = true): Promise<void> {
  await ok(d, d.actors.admin, CreateChainABI.encode(chainArgs(d, chainId, over)))
  if (bond) await ok(d, d.actors.proposer, PostBondABI.encode({ chainId }), P.proposerBond)
}

async function origin(d: AnchorDriver): Promise<{ originMomentumHeight: bigint; originMomentumHash: Uint8Array }> {
  const h = await d.frontierHeight()
  return { originMomentumHeight: h, originMomentumHash: await d.momentumHash(h) }
}

/** The output root proposal() commits at `index` unless told otherwise. */
function rootOf(index: bigint): Uint8Array {
  return sha3(uintBE(index, 8))
}

function proposal(chainId: bigint, index: bigint, l2BlockNumber: bigint, o: { originMomentumHeight: bigint; originMomentumHash: Uint8Array }, lastDepositIndex = 0n, outputRoot = rootOf(index)) {
  return ProposeCommitmentABI.encode({ chainId, index, l2BlockNumber, outputRoot, ...o, lastDepositIndex, framesHash: sha3(Uint8Array.of(Number(index))) })
}

function proveArgs(chainId: bigint, commitmentIndex: bigint, w: WithdrawalTransaction, f: L2Fixture): ProveWithdrawalArgs {
  return {
    chainId,
    commitmentIndex,
    ...w,
    version: new Uint8Array(32),
    stateRoot: f.stateRoot,
    messagePasserStorageRoot: f.messagePasserStorageRoot,
    latestBlockhash: f.latestBlockhash,
    storageProof: proofNodes(f.getProof.storageProof[0]!),
  }
}

async function waitFinalizable(d: AnchorDriver, chainId: bigint, index: bigint): Promise<void> {
  const c = await d.rpc('getCommitment', [Number(chainId), Number(index)])
  await d.waitForHeight(BigInt(c.finalizableAt))
}

function znnWithdrawal(nonce: bigint, target: Address, value: bigint): WithdrawalTransaction {
  return { nonce: (1n << 240n) | nonce, sender: l2Address(0x31), target, value, gasLimit: 100_000n, data: new Uint8Array() }
}

function ztsWithdrawal(nonce: bigint, target: Address, zts: TokenStandard, amount: bigint): WithdrawalTransaction {
  const word = new Uint8Array(32)
  word.set(zts, 0)
  return { nonce: (1n << 240n) | nonce, sender: L2_TOKEN_BRIDGE, target, value: 0n, gasLimit: 200_000n, data: concatBytes(word, uintBE(amount, 32)) }
}

export type ScenarioGroup = 'chains' | 'withdrawals'

/** Registers the scenarios of `groups` (both by default) as node:test tests. */
export function anchorScenarios(getDriver: () => AnchorDriver, groups: readonly ScenarioGroup[] = ['chains', 'withdrawals']): void {
  const test = (name: string, fn: () => Promise<void>, group: ScenarioGroup) => {
    if (groups.includes(group)) nodeTest(name, fn)
  }
  test('CreateChain: administrator only, parameters validated, one anchor serves many chains', async () => {
    const d = getDriver()
    const { admin, other } = d.actors
    const g = d.actors.guardians.map((x) => x.address)
    const pub = (error: string) => ({ stage: 'publish' as const, error })
    await rejected(d, 101n, admin, CreateChainABI.encode(chainArgs(d, 101n, { guardians: g.slice(0, 4), quorum: 3n })), pub('invalid guardians'))
    await rejected(d, 101n, admin, CreateChainABI.encode(chainArgs(d, 101n, { guardians: [...g.slice(0, 4), g[0]!] })), pub('invalid guardians'))
    await rejected(d, 101n, admin, CreateChainABI.encode(chainArgs(d, 101n, { quorum: 2n })), pub('quorum must be a majority of the guardians'))
    await rejected(d, 101n, admin, CreateChainABI.encode(chainArgs(d, 101n, { quorum: 6n })), pub('quorum must be a majority of the guardians'))
    await rejected(d, 0n, admin, CreateChainABI.encode(chainArgs(d, 0n)), pub('invalid chain id'))
    await rejected(d, 101n, admin, CreateChainABI.encode(chainArgs(d, 101n, { challengeWindow: 0n })), pub('challenge window must be positive'))
    await rejected(d, 101n, admin, CreateChainABI.encode(chainArgs(d, 101n, { sequencingWindow: 2n })), pub('sequencing window must exceed deposit confirmations'))
    await rejected(d, 101n, admin, CreateChainABI.encode(chainArgs(d, 101n, { flagBond: 0n })), pub('bonds must be positive'))
    await rejected(d, 101n, admin, CreateChainABI.encode(chainArgs(d, 101n, { proposer: ANCHOR_ADDRESS })), pub('invalid proposer address'))
    await rejected(d, 101n, admin, CreateChainABI.encode(chainArgs(d, 101n)), pub('invalid token or amount'), { amount: 1n })
    await rejected(d, 101n, admin, concatBytes(CreateChainABI.encode(chainArgs(d, 101n)), new Uint8Array(32)), pub('invalid unpack method data'))
    await rejected(d, 101n, other, CreateChainABI.encode(chainArgs(d, 101n)), { stage: 'execute', error: 'address cannot call this method' })

    await ok(d, admin, CreateChainABI.encode(chainArgs(d, 101n)))
    await ok(d, admin, CreateChainABI.encode(chainArgs(d, 102n, { challengeWindow: 7n })))
    await rejected(d, 101n, admin, CreateChainABI.encode(chainArgs(d, 101n)), { stage: 'execute', error: 'chain already exists' })

    const chain = await d.rpc('getChain', [101])
    assert.equal(chain.chainId, 101)
    assert.equal(chain.proposer, formatAddress(d.actors.proposer.address))
    assert.deepEqual(chain.guardians, g.map(formatAddress))
    assert.equal(chain.quorum, 3)
    assert.equal(chain.challengeWindow, 40)
    assert.equal(chain.sequencingWindow, 30)
    assert.equal(chain.depositConfirmations, 2)
    assert.equal(chain.proposerBond, (1000n * ZNN).toString())
    assert.equal(chain.flagBond, (100n * ZNN).toString())
    assert.equal(chain.halted, false)
    assert.equal(chain.depositCount, 0)
    assert.equal(chain.nextCommitmentIndex, 1)
    assert.equal((await d.rpc('getChain', [102])).challengeWindow, 7)
    assert.equal(await d.rpc('getChain', [103]), null)
    const chains = await d.rpc('getChains', [])
    assert.ok(chains.list.includes(101) && chains.list.includes(102))
  }, 'chains')

  test('Deposit: ZNN, QSR; escrow to the unit, gap-free index, per-asset totals; unknown chain refunded', async () => {
    const d = getDriver()
    const { user } = d.actors
    await setupChain(d, 201n, {}, false)
    const znn0 = await d.balance(user, ZNN_ZTS)
    const qsr0 = await d.balance(user, QSR_ZTS)
    const aZnn0 = await d.balance(ANCHOR_ADDRESS, ZNN_ZTS)
    const aQsr0 = await d.balance(ANCHOR_ADDRESS, QSR_ZTS)
    await ok(d, user, DepositABI.encode({ chainId: 201n, l2Recipient: l2Address(0xa1) }), 5n * ZNN + 1n, ZNN_ZTS)
    await ok(d, user, DepositABI.encode({ chainId: 201n, l2Recipient: l2Address(0xa2) }), 7n * ZNN, QSR_ZTS)
    await ok(d, user, DepositABI.encode({ chainId: 201n, l2Recipient: l2Address(0xa1) }), 3n, ZNN_ZTS)
    assert.equal(await d.balance(user, ZNN_ZTS), znn0 - 5n * ZNN - 4n)
    assert.equal(await d.balance(user, QSR_ZTS), qsr0 - 7n * ZNN)
    assert.equal(await d.balance(ANCHOR_ADDRESS, ZNN_ZTS), aZnn0 + 5n * ZNN + 4n)
    assert.equal(await d.balance(ANCHOR_ADDRESS, QSR_ZTS), aQsr0 + 7n * ZNN)

    const first = await d.rpc('getDeposit', [201, 1])
    assert.equal(first.index, 1)
    assert.equal(first.sender, formatAddress(user.address))
    assert.equal(first.l2Recipient, `0x${'a1'.repeat(20)}`)
    assert.equal(first.tokenStandard, 'zts1znnxxxxxxxxxxxxx9z4ulx')
    assert.equal(first.amount, (5n * ZNN + 1n).toString())
    assert.equal(first.momentumHash, toHex(await d.momentumHash(BigInt(first.momentumHeight))))
    const page = await d.rpc('getDeposits', [201, 0, 2])
    assert.equal(page.count, 3)
    assert.equal(page.more, true)
    assert.deepEqual(page.list.map((x: { index: number }) => x.index), [1, 2])
    assert.equal((await d.rpc('getDeposits', [201, 1, 2])).list[0].tokenStandard, 'zts1znnxxxxxxxxxxxxx9z4ulx')
    const second = await d.rpc('getDeposit', [201, 2])
    assert.equal(second.tokenStandard, 'zts1qsrxxxxxxxxxxxxxmrhjll')
    assert.ok(BigInt(second.momentumHeight) >= BigInt(first.momentumHeight))
    const chain = await d.rpc('getChain', [201])
    assert.equal(chain.depositCount, 3)
    assert.deepEqual(
      chain.assets.map((a: { tokenStandard: string }) => a).sort((a: { tokenStandard: string }, b: { tokenStandard: string }) => (a.tokenStandard < b.tokenStandard ? -1 : 1)),
      [
        { tokenStandard: 'zts1qsrxxxxxxxxxxxxxmrhjll', deposited: (7n * ZNN).toString(), released: '0' },
        { tokenStandard: 'zts1znnxxxxxxxxxxxxx9z4ulx', deposited: (5n * ZNN + 4n).toString(), released: '0' },
      ],
    )
    await rejected(d, 201n, user, DepositABI.encode({ chainId: 999n, l2Recipient: l2Address(1) }), { stage: 'execute', error: 'chain not found' }, { amount: ZNN })
    await rejected(d, 201n, user, DepositABI.encode({ chainId: 201n, l2Recipient: l2Address(1) }), { stage: 'publish', error: 'invalid token or amount' })
  }, 'chains')

  test('DepositCall: ZNN or nothing, the L2 call recorded with the deposit; gas and data bounds checked at publish', async () => {
    const d = getDriver()
    const { user } = d.actors
    await setupChain(d, 202n, {}, false)
    const aZnn0 = await d.balance(ANCHOR_ADDRESS, ZNN_ZTS)
    const call = (over: Partial<{ value: bigint; gasLimit: bigint; data: Uint8Array }> = {}) =>
      DepositCallABI.encode({ chainId: 202n, to: l2Address(0xc1), value: 0n, gasLimit: 100_000n, data: Uint8Array.of(0xde, 0xad), ...over })
    await ok(d, user, call({ value: 2n * 10n ** 18n }), 2n * ZNN, ZNN_ZTS)
    await ok(d, user, call({ gasLimit: 21_080n }))
    await ok(d, user, DepositABI.encode({ chainId: 202n, l2Recipient: l2Address(0xa1) }), 3n, ZNN_ZTS)
    assert.equal(await d.balance(ANCHOR_ADDRESS, ZNN_ZTS), aZnn0 + 2n * ZNN + 3n)
    const first = await d.rpc('getDeposit', [202, 1])
    assert.deepEqual(
      { index: first.index, l2Recipient: first.l2Recipient, amount: first.amount, value: first.value, gasLimit: first.gasLimit, data: first.data },
      { index: 1, l2Recipient: `0x${'c1'.repeat(20)}`, amount: (2n * ZNN).toString(), value: (2n * 10n ** 18n).toString(), gasLimit: 100_000, data: '0xdead' },
    )
    const second = await d.rpc('getDeposit', [202, 2])
    assert.deepEqual([second.amount, second.value, second.gasLimit], ['0', '0', 21_080])
    const plain = await d.rpc('getDeposit', [202, 3])
    assert.deepEqual([plain.value, plain.gasLimit, plain.data], ['0', 0, '0x'])
    assert.equal((await d.rpc('getChain', [202])).depositCount, 3)
    await rejected(d, 202n, user, call({ gasLimit: 21_079n }), { stage: 'publish', error: 'deposit gas limit too low' })
    await rejected(d, 202n, user, call({ gasLimit: 5_000_001n }), { stage: 'publish', error: 'deposit gas limit too high' })
    await rejected(d, 202n, user, call({ data: new Uint8Array(10_241), gasLimit: 4_000_000n }), { stage: 'publish', error: 'deposit data too large' })
    await rejected(d, 202n, user, call(), { stage: 'publish', error: 'invalid token or amount' }, { amount: ZNN, token: QSR_ZTS })
    await rejected(d, 202n, user, DepositCallABI.encode({ chainId: 999n, to: l2Address(1), value: 0n, gasLimit: 21_000n, data: new Uint8Array() }), { stage: 'execute', error: 'chain not found' }, { amount: ZNN })
  }, 'chains')

  test('SubmitFrame: frames numbered per chain, up to the 16 KiB block limit', async () => {
    const d = getDriver()
    const { proposer, other } = d.actors
    await setupChain(d, 251n, {}, false)
    const small = Uint8Array.from({ length: 300 }, (_, i) => i % 251)
    const full = Uint8Array.from({ length: MAX_FRAME_BYTES }, (_, i) => (i * 7) % 256)
    await ok(d, proposer, SubmitFrameABI.encode({ chainId: 251n, data: small }))
    await ok(d, other, SubmitFrameABI.encode({ chainId: 251n, data: full }))
    assert.equal(SubmitFrameABI.encode({ chainId: 251n, data: full }).length, 16_356)
    assert.equal(SubmitFrameABI.encode({ chainId: 251n, data: new Uint8Array(MAX_FRAME_BYTES + 1) }).length, 16_388)
    const f1 = await d.rpc('getFrame', [251, 1])
    assert.equal(f1.submitter, formatAddress(proposer.address))
    assert.equal(f1.dataHash, toHex(sha3(small)))
    assert.equal(f1.length, 300)
    const frames = await d.rpc('getFrames', [251, 0, 10])
    assert.equal(frames.count, 2)
    assert.equal(frames.list[1].length, MAX_FRAME_BYTES)
    await rejected(d, 251n, proposer, SubmitFrameABI.encode({ chainId: 251n, data: new Uint8Array() }), { stage: 'publish', error: 'frame data empty' })
    await rejected(d, 251n, proposer, SubmitFrameABI.encode({ chainId: 252n, data: small }), { stage: 'execute', error: 'chain not found' })
  }, 'chains')

  test('ProposeCommitment: proposer, bond, next index, canonical past origin, forced inclusion of deposits', async () => {
    const d = getDriver()
    const { proposer, other, user } = d.actors
    await setupChain(d, 301n)
    await setupChain(d, 302n, {}, false)
    const exec = (error: string) => ({ stage: 'execute' as const, error })
    let o = await origin(d)
    await rejected(d, 301n, other, proposal(301n, 1n, 10n, o), exec('sender is not the proposer'))
    await rejected(d, 302n, proposer, proposal(302n, 1n, 10n, o), exec('proposer is not bonded'))
    await rejected(d, 301n, proposer, proposal(301n, 2n, 10n, o), exec('commitment index is not next'))
    await rejected(d, 301n, proposer, proposal(301n, 1n, 10n, { originMomentumHeight: o.originMomentumHeight + 1000n, originMomentumHash: o.originMomentumHash }), exec('origin momentum is in the future'))
    await rejected(d, 301n, proposer, proposal(301n, 1n, 10n, { originMomentumHeight: o.originMomentumHeight, originMomentumHash: sha3(Uint8Array.of(1)) }), exec('origin momentum is not canonical'))
    await rejected(d, 301n, proposer, proposal(301n, 1n, 10n, o, 1n), exec('lastDepositIndex beyond the last deposit'))
    await ok(d, proposer, proposal(301n, 1n, 10n, o))
    const o1 = o

    await rejected(d, 301n, proposer, proposal(301n, 2n, 10n, await origin(d)), exec('l2BlockNumber does not advance'))
    await rejected(d, 301n, proposer, proposal(301n, 2n, 20n, { originMomentumHeight: o1.originMomentumHeight - 1n, originMomentumHash: await d.momentumHash(o1.originMomentumHeight - 1n) }), exec('origin momentum goes backwards'))

    await ok(d, user, DepositABI.encode({ chainId: 301n, l2Recipient: l2Address(5) }), ZNN)
    const dep = await d.rpc('getDeposit', [301, 1])
    await rejected(d, 301n, proposer, proposal(301n, 2n, 20n, o1, 1n), exec('lastDepositIndex beyond the origin momentum'))
    // Within the sequencing window a commitment may leave the deposit for later.
    await ok(d, proposer, proposal(301n, 2n, 20n, await origin(d), 0n))
    await d.waitForHeight(BigInt(dep.momentumHeight) + P.sequencingWindow)
    o = await origin(d)
    await rejected(d, 301n, proposer, proposal(301n, 3n, 30n, o, 0n), exec('commitment skips a deposit past the sequencing window'))
    await ok(d, proposer, proposal(301n, 3n, 30n, o, 1n))
    await rejected(d, 301n, proposer, proposal(301n, 4n, 40n, await origin(d), 0n), exec('lastDepositIndex goes backwards'))

    const c3 = await d.rpc('getCommitment', [301, 3])
    assert.equal(c3.index, 3)
    assert.equal(c3.l2BlockNumber, 30)
    assert.equal(c3.lastDepositIndex, 1)
    assert.equal(c3.originMomentumHeight, Number(o.originMomentumHeight))
    assert.equal(c3.originMomentumHash, toHex(o.originMomentumHash))
    assert.equal(c3.outputRoot, toHex(sha3(uintBE(3n, 8))))
    assert.equal(c3.proposer, formatAddress(proposer.address))
    assert.equal(c3.resolverType, 0)
    assert.equal(c3.status, 'inWindow')
    assert.equal(c3.finalizableAt, c3.proposedAt + 41)
    const page = await d.rpc('getCommitments', [301, 1, 2])
    assert.deepEqual([page.count, page.more, page.list.map((c: { index: number }) => c.index)], [3, false, [3]])
  }, 'chains')

  test('Flag / ResolveFlag: bonded flag freezes; fraud deletes and pays the proposer bond to the flagger; no fraud keeps the flag bond', async () => {
    const d = getDriver()
    const { proposer, flagger, other, user } = d.actors
    const [g1, g2, g3, g4] = d.actors.guardians as [Actor, Actor, Actor, Actor, Actor]
    const exec = (error: string) => ({ stage: 'execute' as const, error })
    await setupChain(d, 401n)
    for (const i of [1n, 2n, 3n]) await ok(d, proposer, proposal(401n, i, i * 10n, await origin(d)))

    await rejected(d, 401n, flagger, FlagABI.encode({ chainId: 401n, index: 2n, outputRoot: rootOf(2n) }), exec('invalid flag bond'), { amount: P.flagBond - 1n })
    await rejected(d, 401n, flagger, FlagABI.encode({ chainId: 401n, index: 2n, outputRoot: rootOf(2n) }), { stage: 'publish', error: 'invalid token or amount' }, { amount: P.flagBond, token: QSR_ZTS })
    await rejected(d, 401n, flagger, FlagABI.encode({ chainId: 401n, index: 2n, outputRoot: rootOf(2n) }), { stage: 'publish', error: 'invalid token or amount' })
    await rejected(d, 401n, flagger, FlagABI.encode({ chainId: 401n, index: 9n, outputRoot: rootOf(9n) }), exec('commitment not found'), { amount: P.flagBond })

    const flagger0 = await d.balance(flagger)
    const other0 = await d.balance(other)
    await ok(d, flagger, FlagABI.encode({ chainId: 401n, index: 2n, outputRoot: rootOf(2n) }), P.flagBond)
    await rejected(d, 401n, other, FlagABI.encode({ chainId: 401n, index: 2n, outputRoot: rootOf(2n) }), exec('commitment already flagged'), { amount: P.flagBond })
    await ok(d, other, FlagABI.encode({ chainId: 401n, index: 3n, outputRoot: rootOf(3n) }), P.flagBond)
    assert.equal((await d.rpc('getCommitment', [401, 1])).status, 'inWindow')
    assert.equal((await d.rpc('getCommitment', [401, 2])).status, 'flagged')
    assert.equal((await d.rpc('getCommitment', [401, 3])).status, 'flagged')
    assert.equal((await d.rpc('getChain', [401])).lowestFlaggedIndex, 2)

    await rejected(d, 401n, user, ResolveFlagABI.encode({ chainId: 401n, index: 2n, outputRoot: rootOf(2n), fraud: true }), exec('sender is not a guardian'))
    await rejected(d, 401n, g1, ResolveFlagABI.encode({ chainId: 401n, index: 1n, outputRoot: rootOf(1n), fraud: true }), exec('flag not found'))
    await ok(d, g1, ResolveFlagABI.encode({ chainId: 401n, index: 2n, outputRoot: rootOf(2n), fraud: true }))
    await rejected(d, 401n, g1, ResolveFlagABI.encode({ chainId: 401n, index: 2n, outputRoot: rootOf(2n), fraud: false }), exec('guardian already voted'))
    await ok(d, g2, ResolveFlagABI.encode({ chainId: 401n, index: 2n, outputRoot: rootOf(2n), fraud: false }))
    await ok(d, g3, ResolveFlagABI.encode({ chainId: 401n, index: 2n, outputRoot: rootOf(2n), fraud: true }))
    assert.deepEqual((await d.rpc('getCommitment', [401, 2])).flag, { ...(await d.rpc('getCommitment', [401, 2])).flag, fraudVotes: 2, clearVotes: 1 })
    const anchor0 = await d.balance(ANCHOR_ADDRESS)
    await ok(d, g4, ResolveFlagABI.encode({ chainId: 401n, index: 2n, outputRoot: rootOf(2n), fraud: true }))

    assert.equal(await d.balance(flagger), flagger0 + P.proposerBond)
    assert.equal(await d.balance(other), other0)
    assert.equal(await d.balance(ANCHOR_ADDRESS), anchor0 - P.proposerBond - 2n * P.flagBond)
    assert.equal(await d.rpc('getCommitment', [401, 2]), null)
    assert.equal(await d.rpc('getCommitment', [401, 3]), null)
    assert.notEqual(await d.rpc('getCommitment', [401, 1]), null)
    const chain = await d.rpc('getChain', [401])
    assert.equal(chain.nextCommitmentIndex, 2)
    assert.equal(chain.lowestFlaggedIndex, null)
    assert.equal(chain.proposerBondBalance, '0')
    assert.equal((await d.rpc('getBond', [401, formatAddress(proposer.address)])).amount, '0')

    await rejected(d, 401n, proposer, proposal(401n, 2n, 20n, await origin(d)), exec('proposer is not bonded'))
    await ok(d, proposer, PostBondABI.encode({ chainId: 401n }), P.proposerBond)
    const right2 = sha3(new TextEncoder().encode('the right root of index 2'))
    await ok(d, proposer, proposal(401n, 2n, 21n, await origin(d), 0n, right2))

    // Index 2 is a new commitment now: a flag or vote naming the deleted one's root does not land on it.
    const flagger1 = await d.balance(flagger)
    await rejected(d, 401n, flagger, FlagABI.encode({ chainId: 401n, index: 2n, outputRoot: rootOf(2n) }), exec('commitment has another output root'), { amount: P.flagBond })

    // No fraud: the flag goes, the anchor keeps the flag bond.
    await ok(d, flagger, FlagABI.encode({ chainId: 401n, index: 2n, outputRoot: right2 }), P.flagBond)
    await rejected(d, 401n, g1, ResolveFlagABI.encode({ chainId: 401n, index: 2n, outputRoot: rootOf(2n), fraud: true }), exec('commitment has another output root'))
    const { fraudVotes, clearVotes } = (await d.rpc('getCommitment', [401, 2])).flag
    assert.deepEqual([fraudVotes, clearVotes], [0, 0])
    for (const g of [g1, g2, g3]) await ok(d, g, ResolveFlagABI.encode({ chainId: 401n, index: 2n, outputRoot: right2, fraud: false }))
    assert.equal(await d.balance(flagger), flagger1 - P.flagBond)
    const after = await d.rpc('getChain', [401])
    assert.equal(after.forfeitedFlagBonds, P.flagBond.toString())
    assert.equal(after.nextCommitmentIndex, 3)
    assert.equal((await d.rpc('getCommitment', [401, 2])).status, 'inWindow')
    assert.equal((await d.rpc('getCommitment', [401, 2])).flag, null)

    await waitFinalizable(d, 401n, 2n)
    await rejected(d, 401n, flagger, FlagABI.encode({ chainId: 401n, index: 2n, outputRoot: right2 }), exec('challenge window has passed'), { amount: P.flagBond })
  }, 'chains')

  test('Withdrawals: eth_getProof-shaped proof verified natively; finalize once, after the window, within deposits', async () => {
    const d = getDriver()
    const { proposer, user, other, flagger } = d.actors
    const exec = (error: string) => ({ stage: 'execute' as const, error })
    // A window long enough that the checks before it ends still run inside it on a loaded machine
    // (12 s of 100 ms devnet momentums; the in-memory host ticks at once).
    await setupChain(d, 501n, { challengeWindow: 120n })
    await ok(d, user, DepositABI.encode({ chainId: 501n, l2Recipient: l2Address(7) }), 50n * ZNN)
    await ok(d, user, DepositABI.encode({ chainId: 501n, l2Recipient: l2Address(7) }), 20n * ZNN, QSR_ZTS)

    const wZnn = znnWithdrawal(1n, user.address, 3n * ZNN * 10_000_000_000n + 123n)
    const wQsr = ztsWithdrawal(2n, other.address, QSR_ZTS, 5n * ZNN)
    const wBig = znnWithdrawal(3n, user.address, 100n * ZNN * 10_000_000_000n)
    const wAbsent = znnWithdrawal(4n, user.address, ZNN * 10_000_000_000n)
    const all = [wZnn, wQsr, wBig, ...Array.from({ length: 12 }, (_, i) => znnWithdrawal(100n + BigInt(i), other.address, 1n))]
    const fZnn = await buildL2Fixture(all, 0)
    const fQsr = await buildL2Fixture(all, 1)
    const fBig = await buildL2Fixture(all, 2)
    assert.equal(toHex(fZnn.outputRoot), toHex(fQsr.outputRoot))
    await ok(d, proposer, proposal(501n, 1n, 100n, await origin(d), 2n, fZnn.outputRoot))

    const wrongRoot = { ...proveArgs(501n, 1n, wZnn, fZnn), stateRoot: sha3(Uint8Array.of(9)) }
    await rejected(d, 501n, user, ProveWithdrawalABI.encode(wrongRoot), exec('output root proof does not match the commitment'))
    await rejected(d, 501n, user, ProveWithdrawalABI.encode({ ...proveArgs(501n, 1n, wZnn, fZnn), commitmentIndex: 2n }), exec('commitment not found'))
    await rejected(d, 501n, user, ProveWithdrawalABI.encode({ ...proveArgs(501n, 1n, wZnn, fZnn), version: sha3(new Uint8Array()) }), { stage: 'publish', error: 'unsupported output root version' })
    const nodes = proofNodes(fZnn.getProof.storageProof[0]!)
    const leaf = nodes[nodes.length - 1]!
    const tamperedLeaf = Uint8Array.from(leaf)
    tamperedLeaf[tamperedLeaf.length - 1] = tamperedLeaf[tamperedLeaf.length - 1]! ^ 0x01
    await rejected(
      d,
      501n,
      user,
      ProveWithdrawalABI.encode({ ...proveArgs(501n, 1n, wZnn, fZnn), storageProof: [...nodes.slice(0, -1), tamperedLeaf] }),
      exec(`invalid storage proof: missing node ${toHex(keccak_256(leaf))}`),
    )
    // A valid path for a withdrawal that was never initiated: the trie proves it absent.
    await rejected(d, 501n, user, ProveWithdrawalABI.encode({ ...proveArgs(501n, 1n, wAbsent, fZnn), storageProof: proofNodes(fZnn.getProof.storageProof[0]!) }), exec('withdrawal not in the message passer storage'))

    await ok(d, user, ProveWithdrawalABI.encode(proveArgs(501n, 1n, wZnn, fZnn)))
    await rejected(d, 501n, user, ProveWithdrawalABI.encode(proveArgs(501n, 1n, wZnn, fZnn)), exec('withdrawal already proven by this prover'), { withdrawals: [fZnn.withdrawalHash] })
    await ok(d, other, ProveWithdrawalABI.encode(proveArgs(501n, 1n, wZnn, fZnn)))
    const proven = await d.rpc('getWithdrawal', [501, toHex(fZnn.withdrawalHash)])
    const c1 = await d.rpc('getCommitment', [501, 1])
    assert.equal(proven.status, 'proven')
    assert.equal(proven.finalizableAt, c1.finalizableAt)
    assert.equal(proven.target, formatAddress(user.address))
    assert.equal(proven.tokenStandard, 'zts1znnxxxxxxxxxxxxx9z4ulx')
    assert.equal(proven.amount, (3n * ZNN).toString())
    assert.deepEqual(proven.proofs.map((p: { prover: string; valid: boolean }) => [p.prover, p.valid]).sort(), [[formatAddress(user.address), true], [formatAddress(other.address), true]].sort())

    const fin = (hash: Uint8Array, prover: Address) => FinalizeWithdrawalABI.encode({ chainId: 501n, withdrawalHash: hash, prover })
    await rejected(d, 501n, other, fin(fZnn.withdrawalHash, user.address), exec('challenge window has not passed'), { withdrawals: [fZnn.withdrawalHash] })
    await rejected(d, 501n, other, fin(fZnn.withdrawalHash, flagger.address), exec('withdrawal not proven by this prover'), { withdrawals: [fZnn.withdrawalHash] })
    await rejected(d, 501n, other, fin(fBig.withdrawalHash, user.address), exec('withdrawal not proven'))

    await waitFinalizable(d, 501n, 1n)
    assert.equal((await d.rpc('getWithdrawal', [501, toHex(fZnn.withdrawalHash)])).status, 'finalizable')
    const user0 = await d.balance(user)
    const anchor0 = await d.balance(ANCHOR_ADDRESS)
    await ok(d, other, fin(fZnn.withdrawalHash, user.address))
    assert.equal(await d.balance(user), user0 + 3n * ZNN)
    assert.equal(await d.balance(ANCHOR_ADDRESS), anchor0 - 3n * ZNN)
    const done = await d.rpc('getWithdrawal', [501, toHex(fZnn.withdrawalHash)])
    assert.equal(done.status, 'finalized')
    assert.equal(done.finalizedBy, formatAddress(other.address))
    await rejected(d, 501n, other, fin(fZnn.withdrawalHash, other.address), exec('withdrawal already finalized'), { withdrawals: [fZnn.withdrawalHash] })
    await rejected(d, 501n, flagger, ProveWithdrawalABI.encode(proveArgs(501n, 1n, wZnn, fZnn)), exec('withdrawal already finalized'), { withdrawals: [fZnn.withdrawalHash] })

    // Token-bridge withdrawal: pays the ZTS named in its data.
    const otherQsr0 = await d.balance(other, QSR_ZTS)
    await ok(d, flagger, ProveWithdrawalABI.encode(proveArgs(501n, 1n, wQsr, fQsr)))
    await ok(d, flagger, fin(fQsr.withdrawalHash, flagger.address))
    assert.equal(await d.balance(other, QSR_ZTS), otherQsr0 + 5n * ZNN)

    // More ZNN than was ever deposited to this chain: proven, never released.
    await ok(d, user, ProveWithdrawalABI.encode(proveArgs(501n, 1n, wBig, fBig)))
    await rejected(d, 501n, user, fin(fBig.withdrawalHash, user.address), exec('release exceeds the deposited total'), { withdrawals: [fBig.withdrawalHash] })
    const assets = (await d.rpc('getChain', [501])).assets
    assert.deepEqual(
      assets.find((a: { tokenStandard: string }) => a.tokenStandard === 'zts1znnxxxxxxxxxxxxx9z4ulx'),
      { tokenStandard: 'zts1znnxxxxxxxxxxxxx9z4ulx', deposited: (50n * ZNN).toString(), released: (3n * ZNN).toString() },
    )
    assert.deepEqual(
      assets.find((a: { tokenStandard: string }) => a.tokenStandard === 'zts1qsrxxxxxxxxxxxxxmrhjll'),
      { tokenStandard: 'zts1qsrxxxxxxxxxxxxxmrhjll', deposited: (20n * ZNN).toString(), released: (5n * ZNN).toString() },
    )
  }, 'withdrawals')

  test('Finalize blocked while flagged (frozen) or halted; halts by guardian quorum or administrator; unhalt cooldown; deposits never halted', async () => {
    const d = getDriver()
    const { admin, proposer, user, flagger, other } = d.actors
    const [g1, g2, g3] = d.actors.guardians as [Actor, Actor, Actor, Actor, Actor]
    const exec = (error: string) => ({ stage: 'execute' as const, error })
    await setupChain(d, 601n)
    await ok(d, user, DepositABI.encode({ chainId: 601n, l2Recipient: l2Address(8) }), 10n * ZNN)
    const w1 = znnWithdrawal(1n, user.address, 2n * ZNN * 10_000_000_000n)
    const w2 = znnWithdrawal(2n, user.address, 1n * ZNN * 10_000_000_000n)
    const f1 = await buildL2Fixture([w1, w2], 0)
    const f2 = await buildL2Fixture([w1, w2], 1)
    await ok(d, proposer, proposal(601n, 1n, 10n, await origin(d), 1n, f1.outputRoot))
    await ok(d, proposer, proposal(601n, 2n, 20n, await origin(d), 1n, f1.outputRoot))
    await ok(d, user, ProveWithdrawalABI.encode(proveArgs(601n, 2n, w1, f1)))
    // A flag on commitment 1 freezes commitment 2 too.
    await ok(d, flagger, FlagABI.encode({ chainId: 601n, index: 1n, outputRoot: f1.outputRoot }), P.flagBond)
    assert.equal((await d.rpc('getCommitment', [601, 2])).status, 'frozen')
    await waitFinalizable(d, 601n, 2n)
    const fin = (hash: Uint8Array) => FinalizeWithdrawalABI.encode({ chainId: 601n, withdrawalHash: hash, prover: user.address })
    await rejected(d, 601n, user, fin(f1.withdrawalHash), exec('commitment is flagged'), { withdrawals: [f1.withdrawalHash] })
    for (const g of [g1, g2, g3]) await ok(d, g, ResolveFlagABI.encode({ chainId: 601n, index: 1n, outputRoot: f1.outputRoot, fraud: false }))

    // Halt by guardian votes.
    await ok(d, g1, HaltABI.encode({ chainId: 601n }))
    await rejected(d, 601n, g1, HaltABI.encode({ chainId: 601n }), exec('guardian already voted'))
    await rejected(d, 601n, other, HaltABI.encode({ chainId: 601n }), exec('address cannot call this method'))
    await ok(d, g2, HaltABI.encode({ chainId: 601n }))
    assert.deepEqual((await d.rpc('getSecurityInfo', [601])).haltVotes.sort(), [formatAddress(g1.address), formatAddress(g2.address)].sort())
    assert.equal((await d.rpc('getChain', [601])).halted, false)
    await ok(d, g3, HaltABI.encode({ chainId: 601n }))
    const sec = await d.rpc('getSecurityInfo', [601])
    assert.equal(sec.halted, true)
    assert.deepEqual(sec.haltVotes, [])
    await rejected(d, 601n, user, fin(f1.withdrawalHash), exec('chain is halted'), { withdrawals: [f1.withdrawalHash] })
    await rejected(d, 601n, user, ProveWithdrawalABI.encode(proveArgs(601n, 2n, w2, f2)), exec('chain is halted'))
    await rejected(d, 601n, admin, HaltABI.encode({ chainId: 601n }), exec('chain already halted'))
    await ok(d, user, DepositABI.encode({ chainId: 601n, l2Recipient: l2Address(8) }), ZNN)
    assert.equal((await d.rpc('getChain', [601])).depositCount, 2)

    await ok(d, admin, UnhaltABI.encode({ chainId: 601n }))
    const unhaltedAt = BigInt((await d.rpc('getChain', [601])).unhaltedAt)
    assert.ok(unhaltedAt > 0n)
    await rejected(d, 601n, user, fin(f1.withdrawalHash), exec('chain is in its unhalt cooldown'), { withdrawals: [f1.withdrawalHash] })
    await rejected(d, 601n, admin, UnhaltABI.encode({ chainId: 601n }), exec('chain not halted'))
    await d.waitForHeight(unhaltedAt + P.unhaltCooldown)
    const user0 = await d.balance(user)
    await ok(d, user, fin(f1.withdrawalHash))
    await ok(d, user, ProveWithdrawalABI.encode(proveArgs(601n, 2n, w2, f2)))
    await ok(d, user, fin(f2.withdrawalHash))
    assert.equal(await d.balance(user), user0 + 3n * ZNN)

    // The administrator halts at once.
    await ok(d, admin, HaltABI.encode({ chainId: 601n }))
    assert.equal((await d.rpc('getChain', [601])).halted, true)
    // Guardians can unhalt by quorum as well.
    for (const g of [g1, g2, g3]) await ok(d, g, UnhaltABI.encode({ chainId: 601n }))
    assert.equal((await d.rpc('getChain', [601])).halted, false)
  }, 'withdrawals')

  test('A fraud verdict invalidates proofs against deleted commitments; re-proving against the replacement works', async () => {
    const d = getDriver()
    const { proposer, user, flagger } = d.actors
    const [g1, g2, g3] = d.actors.guardians as [Actor, Actor, Actor, Actor, Actor]
    const exec = (error: string) => ({ stage: 'execute' as const, error })
    await setupChain(d, 1001n)
    await ok(d, user, DepositABI.encode({ chainId: 1001n, l2Recipient: l2Address(9) }), 4n * ZNN)
    const w = znnWithdrawal(1n, user.address, 4n * ZNN * 10_000_000_000n)
    const bad = await buildL2Fixture([w], 0, 1)
    const good = await buildL2Fixture([w, znnWithdrawal(2n, user.address, 1n)], 0, 2)
    await ok(d, proposer, proposal(1001n, 1n, 10n, await origin(d), 1n, bad.outputRoot))
    await ok(d, user, ProveWithdrawalABI.encode(proveArgs(1001n, 1n, w, bad)))
    await ok(d, flagger, FlagABI.encode({ chainId: 1001n, index: 1n, outputRoot: bad.outputRoot }), P.flagBond)
    for (const g of [g1, g2, g3]) await ok(d, g, ResolveFlagABI.encode({ chainId: 1001n, index: 1n, outputRoot: bad.outputRoot, fraud: true }))
    const orphaned = await d.rpc('getWithdrawal', [1001, toHex(bad.withdrawalHash)])
    assert.equal(orphaned.status, 'proven')
    assert.equal(orphaned.finalizableAt, null)
    assert.deepEqual(orphaned.proofs.map((p: { valid: boolean }) => p.valid), [false])
    const fin = FinalizeWithdrawalABI.encode({ chainId: 1001n, withdrawalHash: bad.withdrawalHash, prover: user.address })
    await rejected(d, 1001n, user, fin, exec('proven commitment no longer exists'), { withdrawals: [bad.withdrawalHash] })

    await ok(d, proposer, PostBondABI.encode({ chainId: 1001n }), P.proposerBond)
    await ok(d, proposer, proposal(1001n, 1n, 10n, await origin(d), 1n, good.outputRoot))
    assert.equal(toHex(good.withdrawalHash), toHex(bad.withdrawalHash))
    await ok(d, user, ProveWithdrawalABI.encode(proveArgs(1001n, 1n, w, good)))
    await waitFinalizable(d, 1001n, 1n)
    const user0 = await d.balance(user)
    await ok(d, user, fin)
    assert.equal(await d.balance(user), user0 + 4n * ZNN)
  }, 'withdrawals')

  test('Bonds: the current proposer keeps its bond; others withdraw once the newest commitment is final', async () => {
    const d = getDriver()
    const { proposer, other, flagger } = d.actors
    const exec = (error: string) => ({ stage: 'execute' as const, error })
    await setupChain(d, 801n)
    const posted0 = await d.balance(other)
    const anchorPosted0 = await d.balance(ANCHOR_ADDRESS)
    await ok(d, other, PostBondABI.encode({ chainId: 801n }), 5n * ZNN)
    assert.equal(await d.balance(other), posted0 - 5n * ZNN)
    assert.equal(await d.balance(ANCHOR_ADDRESS), anchorPosted0 + 5n * ZNN)
    assert.equal((await d.rpc('getBond', [801, formatAddress(other.address)])).amount, (5n * ZNN).toString())
    await ok(d, proposer, proposal(801n, 1n, 10n, await origin(d)))
    await rejected(d, 801n, flagger, WithdrawBondABI.encode({ chainId: 801n }), exec('bond not found'))
    await rejected(d, 801n, proposer, WithdrawBondABI.encode({ chainId: 801n }), exec('the current proposer cannot withdraw its bond'))
    await rejected(d, 801n, other, WithdrawBondABI.encode({ chainId: 801n }), exec('latest commitment is still in its challenge window'))
    await rejected(d, 801n, other, PostBondABI.encode({ chainId: 801n }), { stage: 'publish', error: 'invalid token or amount' }, { amount: ZNN, token: QSR_ZTS })
    await waitFinalizable(d, 801n, 1n)
    const other0 = await d.balance(other)
    await ok(d, other, WithdrawBondABI.encode({ chainId: 801n }))
    assert.equal(await d.balance(other), other0 + 5n * ZNN)
    assert.equal((await d.rpc('getBond', [801, formatAddress(other.address)])).amount, '0')
  }, 'withdrawals')

  test('Time challenges: ChangeProposer, SetChainParams, NominateGuardians, ChangeAdministrator wait their delay', async () => {
    const d = getDriver()
    const { admin, proposer, other, user } = d.actors
    const exec = (error: string) => ({ stage: 'execute' as const, error })
    await setupChain(d, 701n, {}, false)
    const delay = d.administratorDelay

    const change = ChangeProposerABI.encode({ chainId: 701n, proposer: other.address })
    await rejected(d, 701n, user, change, exec('address cannot call this method'))
    await ok(d, admin, change)
    const tc = await d.rpc('getTimeChallengesInfo', [701])
    assert.equal(tc.count, 1)
    assert.equal(tc.list[0].methodName, 'ChangeProposer')
    assert.equal(tc.list[0].paramsHash, toHex(sha3(change.subarray(4))))
    assert.equal((await d.rpc('getChain', [701])).proposer, formatAddress(proposer.address))
    await rejected(d, 701n, admin, change, exec('time challenge not due'))
    await d.waitForHeight(BigInt(tc.list[0].challengeStartHeight) + delay + 1n)
    await ok(d, admin, change)
    assert.equal((await d.rpc('getChain', [701])).proposer, formatAddress(other.address))
    assert.equal((await d.rpc('getTimeChallengesInfo', [701])).count, 0)

    const params = SetChainParamsABI.encode({ chainId: 701n, challengeWindow: 99n, sequencingWindow: 50n, depositConfirmations: 3n, proposerBond: 7n, flagBond: 8n, unhaltCooldown: 9n })
    await rejected(d, 701n, admin, SetChainParamsABI.encode({ chainId: 701n, challengeWindow: 0n, sequencingWindow: 50n, depositConfirmations: 3n, proposerBond: 7n, flagBond: 8n, unhaltCooldown: 9n }), { stage: 'publish', error: 'challenge window must be positive' })
    await ok(d, admin, params)
    // Different parameters restart the challenge.
    const params2 = SetChainParamsABI.encode({ chainId: 701n, challengeWindow: 98n, sequencingWindow: 50n, depositConfirmations: 3n, proposerBond: 7n, flagBond: 8n, unhaltCooldown: 9n })
    await ok(d, admin, params2)
    await rejected(d, 701n, admin, params2, exec('time challenge not due'))
    const start = BigInt((await d.rpc('getTimeChallengesInfo', [701])).list[0].challengeStartHeight)
    await d.waitForHeight(start + delay + 1n)
    await ok(d, admin, params2)
    const chain = await d.rpc('getChain', [701])
    assert.deepEqual([chain.challengeWindow, chain.sequencingWindow, chain.depositConfirmations, chain.proposerBond, chain.flagBond, chain.unhaltCooldown], [98, 50, 3, '7', '8', 9])

    const g = d.actors.guardians.map((x) => x.address)
    await rejected(d, 701n, admin, NominateGuardiansABI.encode({ chainId: 701n, guardians: g.slice(0, 4), quorum: 3n }), { stage: 'publish', error: 'invalid guardians' })
    const nominate = NominateGuardiansABI.encode({ chainId: 701n, guardians: [...g.slice(0, 4), user.address, other.address], quorum: 4n })
    await ok(d, admin, nominate)
    await rejected(d, 701n, admin, nominate, exec('time challenge not due'))
    await d.waitForHeight(BigInt((await d.rpc('getTimeChallengesInfo', [701])).list[0].challengeStartHeight) + delay + 1n)
    await ok(d, admin, nominate)
    const sec = await d.rpc('getSecurityInfo', [701])
    assert.deepEqual(sec.guardians, [...g.slice(0, 4), user.address, other.address].map(formatAddress))
    assert.equal(sec.quorum, 4)

    const toOther = ChangeAdministratorABI.encode({ administrator: other.address })
    await rejected(d, 0n, other, toOther, exec('address cannot call this method'))
    await ok(d, admin, toOther)
    await rejected(d, 0n, admin, toOther, exec('time challenge not due'))
    const anchorTc = await d.rpc('getTimeChallengesInfo', [])
    assert.equal(anchorTc.list[0].methodName, 'ChangeAdministrator')
    await d.waitForHeight(BigInt(anchorTc.list[0].challengeStartHeight) + delay + 1n)
    await ok(d, admin, toOther)
    assert.equal((await d.rpc('getSecurityInfo', [])).administrator, formatAddress(other.address))
    await rejected(d, 702n, admin, CreateChainABI.encode(chainArgs(d, 702n)), exec('address cannot call this method'))
    await ok(d, other, CreateChainABI.encode(chainArgs(d, 702n)))
    // Hand it back so later scenarios on the same host keep their administrator.
    const back = ChangeAdministratorABI.encode({ administrator: admin.address })
    await ok(d, other, back)
    await d.waitForHeight(BigInt((await d.rpc('getTimeChallengesInfo', [])).list[0].challengeStartHeight) + delay + 1n)
    await ok(d, other, back)
    assert.equal((await d.rpc('getSecurityInfo', [])).administrator, formatAddress(admin.address))
  }, 'withdrawals')
}
