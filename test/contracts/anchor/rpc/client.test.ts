import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createDevnetDriver } from '../devnetDriver.ts'
import type { DevnetDriver } from '../devnetDriver.ts'
import type { Actor } from '../driver.ts'
import { buildL2Fixture, proofNodes } from '../l2Fixture.ts'
import { createNoMClient } from '../../../../nom/rpc/client.ts'
import type { NoMClient } from '../../../../nom/rpc/client.ts'
import { publishSend, waitForConfirmation } from '../../../../nom/send.ts'
import { InvalidJSONError } from '../../../../nom/errors.ts'
import { QSR_ZTS, ZNN_ZTS } from '../../../../nom/constants.ts'
import { formatAddress } from '../../../../nom/address.ts'
import { fromHex, sha3, toHex } from '../../../../nom/hash.ts'
import { ANCHOR_ADDRESS } from '../../../../contracts/anchor/address.ts'
import {
  ChangeAdministratorABI,
  CreateChainABI,
  DepositABI,
  DepositCallABI,
  FlagABI,
  HaltABI,
  PostBondABI,
  ProposeCommitmentABI,
  ProveWithdrawalABI,
  SubmitFrameABI,
} from '../../../../contracts/anchor/abi.ts'
import type { WithdrawalTransaction } from '../../../../contracts/anchor/withdrawalHash.ts'
import {
  getBond,
  getCallFailure,
  getChain,
  getChains,
  getCommitment,
  getCommitments,
  getDeposit,
  getDeposits,
  getFrame,
  getFrames,
  getSecurityInfo,
  getTimeChallengesInfo,
  getWithdrawal,
} from '../../../../contracts/anchor/rpc/client.ts'
import type { AnchorRPCClient } from '../../../../contracts/anchor/rpc/client.ts'

const ZNN = 100_000_000n
const CHAIN = 77n
const recipient = fromHex('07'.repeat(20))
const callee = fromHex('c1'.repeat(20))

describe('anchor read client against the devnet read API', () => {
  let dir = ''
  let d: DevnetDriver | undefined
  let client: NoMClient | undefined
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'nomx-anchor-client-'))
    d = await createDevnetDriver({ dataDir: dir, administratorDelay: 10n })
    client = createNoMClient({ url: d.devnet.httpUrl })
  })
  after(async () => {
    await client?.close()
    await d?.close()
    await rm(dir, { recursive: true, force: true })
  })

  test('every read method decodes what the anchor serves', async () => {
    const { admin, proposer, user, flagger, guardians } = d!.actors
    const c = client!
    const ok = async (from: Actor, data: Uint8Array, amount = 0n, token = ZNN_ZTS) => assert.deepEqual(await d!.call(from, data, amount, token), { ok: true })
    assert.equal(await getChain(c, CHAIN), undefined)
    await ok(admin, CreateChainABI.encode({ chainId: CHAIN, proposer: proposer.address, challengeWindow: 40n, sequencingWindow: 30n, depositConfirmations: 2n, guardians: guardians.map((g) => g.address), quorum: 3n, proposerBond: 10n * ZNN, flagBond: 5n * ZNN, unhaltCooldown: 7n }))
    await ok(proposer, PostBondABI.encode({ chainId: CHAIN }), 10n * ZNN)
    await ok(user, DepositABI.encode({ chainId: CHAIN, l2Recipient: recipient }), 50n * ZNN)
    await ok(user, DepositCallABI.encode({ chainId: CHAIN, to: callee, value: 3n, gasLimit: 100_000n, data: Uint8Array.of(0xde, 0xad) }), 2n * ZNN)
    await ok(user, DepositABI.encode({ chainId: CHAIN, l2Recipient: recipient }), 4n * ZNN, QSR_ZTS)
    const frame = Uint8Array.of(0, 1, 2, 3, 4)
    await ok(user, SubmitFrameABI.encode({ chainId: CHAIN, data: frame }))

    const w: WithdrawalTransaction = { nonce: (1n << 240n) | 1n, sender: fromHex('31'.repeat(20)), target: user.address, value: 3n * ZNN * 10_000_000_000n, gasLimit: 100_000n, data: new Uint8Array() }
    const fixture = await buildL2Fixture([w], 0)
    const originHeight = await d!.frontierHeight()
    const originHash = await d!.momentumHash(originHeight)
    const framesHash = sha3(Uint8Array.of(6))
    await ok(proposer, ProposeCommitmentABI.encode({ chainId: CHAIN, index: 1n, l2BlockNumber: 100n, outputRoot: fixture.outputRoot, originMomentumHeight: originHeight, originMomentumHash: originHash, lastDepositIndex: 3n, framesHash }))
    await ok(user, ProveWithdrawalABI.encode({ chainId: CHAIN, commitmentIndex: 1n, ...w, version: new Uint8Array(32), stateRoot: fixture.stateRoot, messagePasserStorageRoot: fixture.messagePasserStorageRoot, latestBlockhash: fixture.latestBlockhash, storageProof: proofNodes(fixture.getProof.storageProof[0]!) }))

    // Before the flag: the commitment is in its window and the withdrawal waits for it.
    const open = (await getCommitment(c, CHAIN, 1n))!
    assert.equal(open.status, 'inWindow')
    assert.equal(open.flag, undefined)
    const proven = (await getWithdrawal(c, CHAIN, fixture.withdrawalHash))!
    assert.equal(proven.status, 'proven')
    assert.equal(proven.finalizableAt, open.finalizableAt)

    await ok(flagger, FlagABI.encode({ chainId: CHAIN, index: 1n, outputRoot: fixture.outputRoot }), 5n * ZNN)
    await ok(guardians[0]!, HaltABI.encode({ chainId: CHAIN }))
    await ok(admin, ChangeAdministratorABI.encode({ administrator: user.address }))
    // A call that fails on execution (unknown chain): its reason is recorded.
    const failing = await publishSend(c, user.keyPair, { toAddress: ANCHOR_ADDRESS, tokenStandard: ZNN_ZTS, amount: ZNN, data: DepositABI.encode({ chainId: 999n, l2Recipient: recipient }) })
    await waitForConfirmation(c, failing.hash, { pollMs: 30 })
    let failure = await getCallFailure(c, failing.hash)
    for (let i = 0; failure === undefined && i < 200; i++) {
      await new Promise((r) => setTimeout(r, 30))
      failure = await getCallFailure(c, failing.hash)
    }

    const chain = (await getChain(c, CHAIN))!
    assert.deepEqual(
      { ...chain, createdAt: 0n },
      {
        chainId: CHAIN,
        proposer: proposer.address,
        challengeWindow: 40n,
        sequencingWindow: 30n,
        depositConfirmations: 2n,
        guardians: guardians.map((g) => g.address),
        quorum: 3n,
        proposerBond: 10n * ZNN,
        flagBond: 5n * ZNN,
        unhaltCooldown: 7n,
        halted: false,
        haltedAt: 0n,
        unhaltedAt: 0n,
        depositCount: 3n,
        frameCount: 1n,
        commitmentCount: 1n,
        nextCommitmentIndex: 2n,
        forfeitedFlagBonds: 0n,
        createdAt: 0n,
        proposerBondBalance: 10n * ZNN,
        lowestFlaggedIndex: 1n,
        assets: [
          { tokenStandard: ZNN_ZTS, deposited: 52n * ZNN, released: 0n },
          { tokenStandard: QSR_ZTS, deposited: 4n * ZNN, released: 0n },
        ].sort((a, b) => toHex(a.tokenStandard).localeCompare(toHex(b.tokenStandard))),
      },
    )
    assert.ok(chain.createdAt > 0n && chain.createdAt < originHeight)
    assert.deepEqual(await getChains(c), [CHAIN])

    const deposit1 = (await getDeposit(c, CHAIN, 1n))!
    assert.deepEqual({ ...deposit1, momentumHeight: 0n, momentumHash: new Uint8Array(), sendHash: new Uint8Array() }, {
      chainId: CHAIN,
      index: 1n,
      sender: user.address,
      l2Recipient: recipient,
      tokenStandard: ZNN_ZTS,
      amount: 50n * ZNN,
      momentumHeight: 0n,
      momentumHash: new Uint8Array(),
      sendHash: new Uint8Array(),
      call: undefined,
    })
    assert.equal(toHex(deposit1.momentumHash), toHex(await d!.momentumHash(deposit1.momentumHeight)))
    const deposit2 = (await getDeposit(c, CHAIN, 2n))!
    assert.deepEqual(deposit2.call, { value: 3n, gasLimit: 100_000n, data: Uint8Array.of(0xde, 0xad) })
    assert.deepEqual(deposit2.l2Recipient, callee)
    assert.equal(await getDeposit(c, CHAIN, 4n), undefined)
    const deposits = await getDeposits(c, CHAIN, 0n, 2)
    assert.deepEqual(deposits, { count: 3n, list: [deposit1, deposit2], more: true })
    assert.deepEqual((await getDeposits(c, CHAIN, 1n, 2)).list.map((x) => [x.index, x.tokenStandard]), [[3n, QSR_ZTS]])

    const f1 = (await getFrame(c, CHAIN, 1n))!
    assert.deepEqual({ ...f1, momentumHeight: 0n, sendHash: new Uint8Array() }, { chainId: CHAIN, index: 1n, submitter: user.address, momentumHeight: 0n, sendHash: new Uint8Array(), dataHash: sha3(frame), length: 5n })
    assert.deepEqual(await getFrames(c, CHAIN, 0n, 10), { count: 1n, list: [f1], more: false })
    assert.equal(await getFrame(c, CHAIN, 2n), undefined)

    const c1 = (await getCommitment(c, CHAIN, 1n))!
    assert.equal(c1.status, 'flagged')
    assert.deepEqual({ ...c1.flag!, flaggedAt: 0n }, { flagger: flagger.address, bond: 5n * ZNN, flaggedAt: 0n, fraudVotes: 0n, clearVotes: 0n })
    assert.deepEqual(
      { chainId: c1.chainId, index: c1.index, l2BlockNumber: c1.l2BlockNumber, outputRoot: c1.outputRoot, originMomentumHeight: c1.originMomentumHeight, originMomentumHash: c1.originMomentumHash, lastDepositIndex: c1.lastDepositIndex, framesHash: c1.framesHash, proposer: c1.proposer, resolverType: c1.resolverType },
      { chainId: CHAIN, index: 1n, l2BlockNumber: 100n, outputRoot: fixture.outputRoot, originMomentumHeight: originHeight, originMomentumHash: originHash, lastDepositIndex: 3n, framesHash, proposer: proposer.address, resolverType: 0n },
    )
    assert.equal(c1.finalizableAt, open.finalizableAt)
    assert.deepEqual(await getCommitments(c, CHAIN, 0n, 10), { count: 1n, list: [c1], more: false })
    assert.equal(await getCommitment(c, CHAIN, 2n), undefined)

    assert.deepEqual(await getBond(c, CHAIN, proposer.address), { chainId: CHAIN, address: proposer.address, amount: 10n * ZNN })
    assert.deepEqual(await getBond(c, CHAIN, user.address), { chainId: CHAIN, address: user.address, amount: 0n })

    const frozen = (await getWithdrawal(c, CHAIN, fixture.withdrawalHash))!
    assert.deepEqual({ ...frozen, proofs: frozen.proofs.map((p) => ({ ...p, provenAt: 0n })) }, {
      chainId: CHAIN,
      withdrawalHash: fixture.withdrawalHash,
      target: user.address,
      tokenStandard: ZNN_ZTS,
      amount: 3n * ZNN,
      status: 'proven',
      finalizableAt: undefined,
      finalizedAt: undefined,
      finalizedBy: undefined,
      proofs: [{ prover: user.address, commitmentIndex: 1n, outputRoot: fixture.outputRoot, provenAt: 0n, valid: true, frozen: true, finalizableAt: open.finalizableAt }],
    })
    assert.equal(await getWithdrawal(c, CHAIN, sha3(Uint8Array.of(1))), undefined)

    assert.deepEqual(await getSecurityInfo(c), { administrator: admin.address, administratorDelay: 10n, minGuardians: 5n, chain: undefined })
    assert.deepEqual(await getSecurityInfo(c, CHAIN), {
      administrator: admin.address,
      administratorDelay: 10n,
      minGuardians: 5n,
      chain: { chainId: CHAIN, guardians: guardians.map((g) => g.address), quorum: 3n, halted: false, haltedAt: 0n, unhaltedAt: 0n, unhaltCooldown: 7n, haltVotes: [guardians[0]!.address], unhaltVotes: [] },
    })
    assert.equal(await getSecurityInfo(c, 999n), undefined)

    const challenges = await getTimeChallengesInfo(c, 0n)
    assert.equal(challenges.length, 1)
    assert.equal(challenges[0]!.methodName, 'ChangeAdministrator')
    assert.equal(challenges[0]!.executableAt, challenges[0]!.challengeStartHeight + 11n)
    assert.deepEqual(await getTimeChallengesInfo(c, CHAIN), [])

    assert.deepEqual({ ...failure!, momentumHeight: 0n }, { sendHash: failing.hash, momentumHeight: 0n, method: 'Deposit', error: 'chain not found' })
    assert.equal(await getCallFailure(c, sha3(Uint8Array.of(2))), undefined)
    assert.equal(formatAddress(chain.proposer), formatAddress(proposer.address))
  })
})

/** A client answering every method with `answer` (the JSON a misbehaving node might send). */
function answering(answer: unknown, calls: [string, unknown[]][] = []): AnchorRPCClient {
  return {
    async call(method: string, params: unknown[] = []) {
      calls.push([method, params])
      return answer
    },
  }
}

const H = 'ab'.repeat(32)
const ADDR = 'z1qqjnwjjpnue8xmmpanz6csze6tcmtzzdtfsww7'

describe('anchor read client: malformed answers', () => {
  const rejects = (p: Promise<unknown>, message: string) => assert.rejects(p, (e: unknown) => e instanceof InvalidJSONError && e.message === message)
  const deposit = { chainId: 9, index: 3, sender: ADDR, l2Recipient: `0x${'07'.repeat(20)}`, tokenStandard: 'zts1znnxxxxxxxxxxxxx9z4ulx', amount: '5', momentumHeight: 4, momentumHash: H, sendHash: H, value: '0', gasLimit: 0, data: '0x' }
  const frame = { chainId: 9, index: 3, submitter: ADDR, momentumHeight: 4, sendHash: H, dataHash: H, length: 10 }
  const commitment = { chainId: 9, index: 3, l2BlockNumber: 1, outputRoot: H, originMomentumHeight: 2, originMomentumHash: H, lastDepositIndex: 0, framesHash: H, proposer: ADDR, proposedAt: 5, sendHash: H, resolverType: 0, finalizableAt: 45, status: 'inWindow', flag: null }

  test('params are decimal strings; records decode', async () => {
    const calls: [string, unknown[]][] = []
    const d = await getDeposit(answering(deposit, calls), 9n, 3n)
    assert.equal(d!.amount, 5n)
    await getFrames(answering({ count: 0, list: [], more: false }, calls), 9n, 2n, 16)
    assert.deepEqual(calls, [
      ['embedded.anchor.getDeposit', ['9', '3']],
      ['embedded.anchor.getFrames', ['9', 2, 16]],
    ])
  })

  test('each wrong field is named by its path', async () => {
    await rejects(getChain(answering([]), 9n), 'embedded.anchor.getChain: expected an object, got []')
    await rejects(getChain(answering({ chainId: 9 }), 9n), 'embedded.anchor.getChain.proposer: missing')
    await rejects(getChains(answering({ count: 2, list: [9] })), 'embedded.anchor.getChains.count: expected 1 (the list\'s length), got 2')
    await rejects(getChains(answering({ count: 1, list: ['9'] })), 'embedded.anchor.getChains.list[0]: expected a non-negative integer number, got "9"')
    await rejects(getDeposit(answering({ ...deposit, index: 4 }), 9n, 3n), 'embedded.anchor.getDeposit(3).index: expected 3, got 4')
    await rejects(getDeposit(answering({ ...deposit, amount: 5 }), 9n, 3n), 'embedded.anchor.getDeposit(3).amount: expected a decimal string, got 5')
    await rejects(getDeposit(answering({ ...deposit, l2Recipient: '0x1234' }), 9n, 3n), 'embedded.anchor.getDeposit(3).l2Recipient: expected a 0x address of 20 bytes, got "0x1234"')
    await rejects(getDeposit(answering({ ...deposit, data: '0x01' }), 9n, 3n), 'embedded.anchor.getDeposit(3): a deposit without gasLimit must have value "0" and data "0x"')
    await rejects(getDeposit(answering({ ...deposit, value: '1' }), 9n, 3n), 'embedded.anchor.getDeposit(3): a deposit without gasLimit must have value "0" and data "0x"')
    await rejects(getDeposit(answering({ ...deposit, gasLimit: 5, data: '0xzz' }), 9n, 3n), 'embedded.anchor.getDeposit(3).data: expected 0x hex bytes, got "0xzz"')
    await rejects(getDeposits(answering({ count: 1, list: [{ ...deposit, sendHash: 'ab' }], more: false }), 9n, 0n, 10), 'embedded.anchor.getDeposits(0).list[0].sendHash: expected a 64-hex-character hash, got "ab"')
    await rejects(getFrame(answering({ ...frame, index: 2 }), 9n, 3n), 'embedded.anchor.getFrame(3).index: expected 3, got 2')
    await rejects(getFrames(answering({ count: 1, list: [frame], more: 'no' }), 9n, 0n, 10), 'embedded.anchor.getFrames(0).more: expected a boolean, got "no"')
    await rejects(getFrames(answering(null), 9n, 0n, 10), 'embedded.anchor.getFrames(0): expected an object, got null')
    await rejects(getCommitment(answering({ ...commitment, status: 'pending' }), 9n, 3n), 'embedded.anchor.getCommitment(3).status: expected one of inWindow, final, flagged, frozen, got "pending"')
    await rejects(getCommitment(answering({ ...commitment, flag: { flagger: ADDR, bond: 1 } }), 9n, 3n), 'embedded.anchor.getCommitment(3).flag.bond: expected a decimal string, got 1')
    await rejects(getCommitments(answering({ count: 1, list: [{ ...commitment, index: -1 }], more: false }), 9n, 0n, 10), 'embedded.anchor.getCommitments(0).list[0].index: expected a non-negative integer number, got -1')
    await rejects(getBond(answering(null), 9n, new Uint8Array(20)), 'embedded.anchor.getBond: expected an object, got null')
    await rejects(getBond(answering({ chainId: 9, address: ADDR, amount: '1.5' }), 9n, new Uint8Array(20)), 'embedded.anchor.getBond.amount: expected a decimal string, got "1.5"')
    const withdrawal = { chainId: 9, withdrawalHash: H, target: ADDR, tokenStandard: 'zts1znnxxxxxxxxxxxxx9z4ulx', amount: '1', status: 'proven', finalizableAt: null, finalizedAt: null, finalizedBy: null, proofs: [] }
    await rejects(getWithdrawal(answering({ ...withdrawal, status: 'done' }), 9n, new Uint8Array(32)), 'embedded.anchor.getWithdrawal.status: expected one of proven, finalizable, finalized, got "done"')
    await rejects(getWithdrawal(answering({ ...withdrawal, proofs: [{ prover: ADDR, commitmentIndex: 1, outputRoot: H, provenAt: 3, valid: 'yes' }] }), 9n, new Uint8Array(32)), 'embedded.anchor.getWithdrawal.proofs[0].valid: expected a boolean, got "yes"')
    await rejects(getSecurityInfo(answering({ administrator: ADDR, administratorDelay: 1, minGuardians: 5 }), 9n), 'embedded.anchor.getSecurityInfo.chainId: missing')
    await rejects(getTimeChallengesInfo(answering({ count: 1, list: [{ methodName: 7 }] }), 0n), 'embedded.anchor.getTimeChallengesInfo.list[0].methodName: expected a string, got 7')
    await rejects(getCallFailure(answering({ sendHash: H, momentumHeight: 1, method: 'Deposit' }), new Uint8Array(32)), 'embedded.anchor.getCallFailure.error: missing')
  })
})
