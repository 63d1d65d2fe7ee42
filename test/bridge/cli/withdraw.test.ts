import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { createPublicClient, decodeEventLog, http, parseAbi, type Hex } from 'viem'
import { formatAddress } from '../../../nom/address.ts'
import { startCliStack, runCli, type CliStack } from './cliStack.ts'

const MESSAGE_PASSER = '0x4200000000000000000000000000000000000016'
const EVENT = parseAbi(['event MessagePassed(uint256 indexed nonce, address indexed sender, address indexed target, uint256 value, uint256 gasLimit, bytes data, bytes32 withdrawalHash)'])

describe('nomx bridge withdraw', () => {
  let s: CliStack
  before(async () => {
    s = await startCliStack()
  })
  after(async () => {
    await s.stop()
  })

  test('ZNN: initiateWithdrawal with value amount × 10^18 and the raw target bytes; MessagePassed fields; next step', async () => {
    const target = formatAddress(s.nomUser.address)
    const r = await runCli(['withdraw', '--amount', '1.5', '--token', 'ZNN', '--to', target, '--key-file', s.l2KeyFile, '--l2-rpc', s.l2Url])
    assert.equal(r.code, 0, r.stderr)
    const tx = /^L2 tx: (0x[0-9a-f]{64})$/m.exec(r.stdout)
    assert.ok(tx !== null, r.stdout)
    const client = createPublicClient({ transport: http(s.l2Url) })
    const receipt = await client.getTransactionReceipt({ hash: tx[1] as Hex })
    assert.equal(receipt.status, 'success')
    assert.equal(receipt.to, MESSAGE_PASSER)
    assert.equal(receipt.from, s.l2Account.address)
    const logs = receipt.logs.filter((l) => l.address === MESSAGE_PASSER)
    assert.equal(logs.length, 1)
    const event = decodeEventLog({ abi: EVENT, data: logs[0]!.data, topics: logs[0]!.topics })
    assert.equal(event.eventName, 'MessagePassed')
    assert.equal(event.args.sender.toLowerCase(), s.l2Account.address)
    assert.equal(event.args.target.toLowerCase(), `0x${Buffer.from(s.nomUser.address).toString('hex')}`)
    assert.equal(event.args.value, 1_500_000_000_000_000_000n)
    assert.equal(event.args.gasLimit, 0n)
    assert.equal(event.args.data, '0x')
    assert.match(r.stdout, new RegExp(`^withdrawal hash: ${event.args.withdrawalHash}$`, 'm'))
    assert.match(r.stdout, new RegExp(`^withdrawal nonce: ${event.args.nonce}$`, 'm'))
    assert.match(r.stdout, new RegExp(`^L2 block: ${receipt.blockNumber}$`, 'm'))
    assert.match(r.stdout, /^next: .*nomx bridge prove --tx 0x[0-9a-f]{64}.*$/m)
    assert.equal((r.stdout + r.stderr).includes(s.l2Account.privateKey.slice(2)), false)
  })

  test('ZNN from the mnemonic in the environment (m/44\'/60\'/0\'/0/1)', async () => {
    const r = await runCli(['withdraw', '--amount', '0.00000001', '--token', 'znn', '--to', formatAddress(s.nomUser.address), '--account', '1', '--l2-rpc', s.l2Url], {
      NOMX_L2_MNEMONIC: 'test test test test test test test test test test test junk',
    })
    assert.equal(r.code, 0, r.stderr)
    const tx = /^L2 tx: (0x[0-9a-f]{64})$/m.exec(r.stdout)!
    const receipt = await createPublicClient({ transport: http(s.l2Url) }).getTransactionReceipt({ hash: tx[1] as Hex })
    assert.equal(receipt.from, s.stack.accounts.l2[1]!.address)
  })

  test('errors: 9 decimals of ZNN, a target that is not z1…, a token never bridged, no key', async () => {
    const to = formatAddress(s.nomUser.address)
    const decimals = await runCli(['withdraw', '--amount', '0.000000001', '--token', 'ZNN', '--to', to, '--key-file', s.l2KeyFile, '--l2-rpc', s.l2Url])
    assert.equal(decimals.code, 1)
    assert.equal(decimals.stderr, 'nomx bridge withdraw: amount 0.000000001 has too many decimals: ZNN has 8 (smallest amount 0.00000001)\n')
    const badTo = await runCli(['withdraw', '--amount', '1', '--token', 'ZNN', '--to', '0x1234', '--key-file', s.l2KeyFile, '--l2-rpc', s.l2Url])
    assert.equal(badTo.code, 1)
    assert.match(badTo.stderr, /^nomx bridge withdraw: --to must be a NoM address \(z1…\): invalid address "0x1234": .+\n$/)
    const zts = 'zts1qqqqqqqqqqqqqqqqtq587y'
    const unbridged = await runCli(['withdraw', '--amount', '1', '--token', zts, '--to', to, '--key-file', s.l2KeyFile, '--l2-rpc', s.l2Url])
    assert.equal(unbridged.code, 1)
    assert.match(unbridged.stderr, new RegExp(`^nomx bridge withdraw: ${zts} has never been bridged to this L2 \\(its token contract 0x[0-9a-f]{40} does not exist\\): deposit some first with nomx bridge deposit\\n$`))
    const noKey = await runCli(['withdraw', '--amount', '1', '--token', zts, '--to', to, '--l2-rpc', s.l2Url])
    assert.equal(noKey.code, 1)
    assert.equal(
      noKey.stderr,
      'nomx bridge withdraw: no L2 key: pass --key-file FILE or --mnemonic-file FILE [--account i], or set NOMX_L2_KEY or NOMX_L2_MNEMONIC (a key on the command line only with --unsafe-key HEX)\n',
    )
  })
})
