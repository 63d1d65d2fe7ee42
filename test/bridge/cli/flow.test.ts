/**
 * withdraw → status → prove → finalize through the CLI against a devnet anchor and an L2 node that
 * serves the bridge's nomx_* methods (test/bridge/withdrawals/bridgeSetup.ts: commitments proposed
 * by the test with the node's output root). NoM balances checked to the base unit.
 */
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { writeFile, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { formatAddress } from '../../../nom/address.ts'
import { QSR_ZTS } from '../../../nom/constants.ts'
import { startBridgeSetup, CHAIN_ID, type BridgeSetup } from '../withdrawals/bridgeSetup.ts'
import { runCli } from './cliStack.ts'
import { createPublicClient, decodeEventLog, encodeAbiParameters, http, parseAbi, parseAbiParameters, type Hex } from 'viem'
import { ProveWithdrawalABI } from '../../../contracts/anchor/abi.ts'
import { proveArgsOf } from '../../../bridge/cli/prove.ts'
import type { WithdrawalProofJSON } from '../../../bridge/cli/withdrawalStatusRpc.ts'

const MESSAGE_PASSED = parseAbi(['event MessagePassed(uint256 indexed nonce, address indexed sender, address indexed target, uint256 value, uint256 gasLimit, bytes data, bytes32 withdrawalHash)'])
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
/** stderr without the progress lines ("… "). */
const errorLines = (stderr: string) =>
  stderr
    .split('\n')
    .filter((l) => !l.startsWith('… '))
    .join('\n')

describe('nomx bridge withdraw → status → prove → finalize', () => {
  let s: BridgeSetup
  let dir: string
  let l2KeyFile: string
  let nomKeyFile: string
  let endpoints: string[]
  before(async () => {
    s = await startBridgeSetup()
    dir = await mkdtemp(join(tmpdir(), 'nomx-bridge-cli-flow-'))
    l2KeyFile = join(dir, 'l2.key')
    nomKeyFile = join(dir, 'nom.key')
    await writeFile(l2KeyFile, s.l2Accounts[0]!.privateKey)
    await writeFile(nomKeyFile, Buffer.from(s.driver.actors.user.keyPair.privateKey).toString('hex'))
    endpoints = ['--nom-rpc', s.driver.devnet.httpUrl, '--l2-rpc', s.node.rpcUrl]
  })
  after(async () => {
    await s.stop()
    await rm(dir, { recursive: true, force: true })
  })

  async function withdraw(amount: string, token: string, to: string): Promise<{ tx: string; block: bigint; hash: string }> {
    const r = await runCli(['withdraw', '--amount', amount, '--token', token, '--to', to, '--key-file', l2KeyFile, '--l2-rpc', s.node.rpcUrl])
    assert.equal(r.code, 0, r.stderr)
    return {
      tx: /^L2 tx: (0x[0-9a-f]{64})$/m.exec(r.stdout)![1]!,
      block: BigInt(/^L2 block: (\d+)$/m.exec(r.stdout)![1]!),
      hash: /^withdrawal hash: (0x[0-9a-f]{64})$/m.exec(r.stdout)![1]!,
    }
  }

  async function rpc<T>(method: string, params: unknown[]): Promise<T> {
    const response = await fetch(s.node.rpcUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
    })
    return ((await response.json()) as { result: T }).result
  }

  /** Polls nomx_getWithdrawalStatus directly (spawning the CLI per poll would be slow). */
  async function waitForFinalizable(tx: string): Promise<void> {
    while ((await rpc<{ status: string }>('nomx_getWithdrawalStatus', [tx])).status !== 'finalizable') await sleep(100)
  }

  test('ZNN: every status, the anchor pays the exact amount, a second finalize is refused', async () => {
    const user = s.driver.actors.user
    const target = formatAddress(user.address)
    const w = await withdraw('2.5', 'ZNN', target)

    const initiated = await runCli(['status', '--tx', w.tx, ...endpoints])
    assert.equal(initiated.code, 0, initiated.stderr)
    assert.match(initiated.stdout, new RegExp(`^tx: ${w.tx} \\(L2 block ${w.block}, success\\)$`, 'm'))
    assert.match(initiated.stdout, /^status: initiated$/m)
    assert.match(initiated.stdout, new RegExp(`^withdrawal 0: ${w.hash}$`, 'm'))
    assert.match(initiated.stdout, new RegExp(`^  pays: 2\\.5 ZNN to ${target}$`, 'm'))
    assert.match(initiated.stdout, /^  expected commitment: for L2 block \d+ \(every 4 blocks, \d+ blocks to go; .+\)$/m)
    assert.match(initiated.stdout, new RegExp(`^  next: wait for a commitment covering L2 block ${w.block}.*; then nomx bridge prove --tx ${w.tx}$`, 'm'))

    const early = await runCli(['prove', '--tx', w.tx, '--key-file', nomKeyFile, ...endpoints])
    assert.equal(early.code, 1)
    assert.match(early.stderr, new RegExp(`^nomx bridge prove: nomx_getWithdrawalProof: withdrawal ${w.hash} in L2 block ${w.block} is not yet covered by a commitment: .+\\n$`))

    const index = await s.propose(w.block)
    const provable = await runCli(['status', '--tx', w.tx, ...endpoints])
    assert.match(provable.stdout, /^status: provable$/m)
    assert.match(provable.stdout, new RegExp(`^  commitment: ${index} \\(L2 block ${w.block}, status (inWindow|final), final from momentum \\d+\\)$`, 'm'))
    assert.match(provable.stdout, new RegExp(`^  next: nomx bridge prove --tx ${w.tx}$`, 'm'))

    const proofJSON = await rpc<WithdrawalProofJSON & { anchorCallData: string }>('nomx_getWithdrawalProof', [w.tx])
    assert.equal(`0x${Buffer.from(ProveWithdrawalABI.encode(proveArgsOf(proofJSON))).toString('hex')}`, proofJSON.anchorCallData, 'the CLI sends exactly the call the node encodes')

    const proved = await runCli(['prove', '--tx', w.tx, '--key-file', nomKeyFile, ...endpoints])
    assert.equal(proved.code, 0, proved.stderr)
    assert.match(proved.stdout, new RegExp(`^proven: withdrawal ${w.hash} by ${target} \\(momentum \\d+\\)$`, 'm'))
    assert.match(proved.stdout, new RegExp(`^commitment: ${index} \\(L2 block ${w.block}\\)$`, 'm'))
    assert.match(proved.stdout, /^finalizable: at momentum \d+, now \d+: .+$/m)
    assert.match(proved.stderr, /… ProveWithdrawal sent in account block [0-9a-f]{64}; waiting for a momentum/)

    const again = await runCli(['prove', '--tx', w.tx, '--key-file', nomKeyFile, ...endpoints])
    assert.equal(again.code, 1)
    assert.equal(
      errorLines(again.stderr),
      `nomx bridge prove: the anchor refused ProveWithdrawal: withdrawal already proven by this prover\nAlready proven from this account: finalize once the challenge window has passed (nomx bridge finalize --tx ${w.tx}).\n`,
    )

    await waitForFinalizable(w.tx)
    const before = await s.driver.balance(user)
    const done = await runCli(['finalize', '--tx', w.tx, '--key-file', nomKeyFile, ...endpoints])
    assert.equal(done.code, 0, done.stderr)
    assert.match(done.stdout, new RegExp(`^finalized: withdrawal ${w.hash} paid 2\\.5 ZNN to ${target} \\(momentum \\d+\\)$`, 'm'))
    // The payout is a contract send: wait for its confirmation, then receive it.
    let afterBalance = before
    for (let i = 0; i < 100 && afterBalance === before; i++) {
      await sleep(100)
      afterBalance = await s.driver.balance(user)
    }
    assert.equal(afterBalance - before, 250_000_000n)

    const twice = await runCli(['finalize', '--withdrawal-hash', w.hash, '--key-file', nomKeyFile, ...endpoints])
    assert.equal(twice.code, 1)
    assert.match(twice.stderr, new RegExp(`^nomx bridge finalize: withdrawal ${w.hash} is already finalized \\(at momentum \\d+, 2\\.5 ZNN to ${target}\\): nothing left to do\\n$`))

    const final = await runCli(['status', '--tx', w.tx, ...endpoints])
    assert.match(final.stdout, /^status: finalized$/m)
    assert.match(final.stdout, new RegExp(`^  finalized: at momentum \\d+ by ${target}$`, 'm'))
  })

  test('QSR: token bridge withdrawal proven and finalized by another account naming the prover', async () => {
    const user = s.driver.actors.user
    const other = s.driver.actors.flagger
    const target = formatAddress(other.address)
    const w = await withdraw('1.25', 'QSR', target)
    const receipt = await createPublicClient({ transport: http(s.node.rpcUrl) }).getTransactionReceipt({ hash: w.tx as Hex })
    const passed = receipt.logs.filter((l) => l.address === '0x4200000000000000000000000000000000000016')
    assert.equal(passed.length, 1)
    const event = decodeEventLog({ abi: MESSAGE_PASSED, data: passed[0]!.data, topics: passed[0]!.topics })
    assert.equal(event.args.sender.toLowerCase(), '0x4200000000000000000000000000000000000010', 'the token bridge initiates it')
    assert.equal(event.args.target.toLowerCase(), `0x${Buffer.from(other.address).toString('hex')}`)
    assert.equal(event.args.value, 0n)
    assert.equal(event.args.data, encodeAbiParameters(parseAbiParameters('bytes10, uint256'), [`0x${Buffer.from(QSR_ZTS).toString('hex')}`, 125_000_000n]))
    assert.equal(event.args.withdrawalHash, w.hash)
    await s.propose(w.block)
    const proved = await runCli(['prove', '--tx', w.tx, '--key-file', nomKeyFile, ...endpoints])
    assert.equal(proved.code, 0, proved.stderr)
    await waitForFinalizable(w.tx)

    const otherKey = join(dir, 'other.key')
    await writeFile(otherKey, Buffer.from(other.keyPair.privateKey).toString('hex'))
    const wrongProver = await runCli(['finalize', '--tx', w.tx, '--key-file', otherKey, ...endpoints])
    assert.equal(wrongProver.code, 1)
    assert.equal(
      wrongProver.stderr,
      `nomx bridge finalize: withdrawal ${w.hash} is not proven by ${target}: finalize with --prover ${formatAddress(user.address)}, or prove it from this account (nomx bridge prove)\n`,
    )
    const before = await s.driver.balance(other, QSR_ZTS)
    const done = await runCli(['finalize', '--tx', w.tx, '--prover', formatAddress(user.address), '--key-file', otherKey, ...endpoints])
    assert.equal(done.code, 0, done.stderr)
    assert.match(done.stdout, new RegExp(`paid 1\\.25 QSR to ${target}`))
    let afterBalance = before
    for (let i = 0; i < 100 && afterBalance === before; i++) {
      await sleep(100)
      afterBalance = await s.driver.balance(other, QSR_ZTS)
    }
    assert.equal(afterBalance - before, 125_000_000n)
  })

  test('status of a deposit by index, and of an unknown one', async () => {
    const r = await runCli(['status', '--deposit', '1', ...endpoints])
    assert.equal(r.code, 0, r.stderr)
    assert.match(r.stdout, new RegExp(`^deposit: 1 of chain ${CHAIN_ID}$`, 'm'))
    assert.match(r.stdout, /^amount: 50 ZNN \(zts1znnxxxxxxxxxxxxx9z4ulx\)$/m)
    assert.match(r.stdout, new RegExp(`^to: ${s.l2Accounts[0]!.address}$`, 'm'))
    assert.match(r.stdout, /^status: success in L2 block \d+$/m)
    const unknownTx = `0x${'ab'.repeat(32)}`
    const notFound = await runCli(['status', '--tx', unknownTx, ...endpoints])
    assert.equal(notFound.code, 1)
    assert.equal(notFound.stderr, `nomx bridge status: nomx_getWithdrawalStatus: transaction ${unknownTx} not found on this L2 chain: check the hash and that this RPC serves the chain you sent it to\n`)
    const missing = await runCli(['status', '--deposit', '99', ...endpoints])
    assert.equal(missing.code, 1)
    assert.equal(missing.stderr, `nomx bridge status: chain ${CHAIN_ID} has no deposit 99 (it has 2)\n`)
  })
})
