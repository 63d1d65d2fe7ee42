import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { formatAddress } from '../../../nom/address.ts'
import { ZNN_ZTS } from '../../../nom/constants.ts'
import { bytesEqual } from '../../../nom/hash.ts'
import { DEV_MNEMONIC, startCliStack, runCli, type CliStack } from './cliStack.ts'
import { closedPort } from './runCli.ts'
import { DepositCallABI } from '../../../contracts/anchor/abi.ts'
import { callAnchor } from '../../../contracts/anchor/rpc/anchorCall.ts'
import { depositBySend } from '../../../bridge/cli/anchorDeposits.ts'
import { fromHex } from '../../../nom/hash.ts'

const RECIPIENT = '0x00000000000000000000000000000000000b0b01'

describe('nomx bridge deposit', () => {
  let s: CliStack
  before(async () => {
    s = await startCliStack()
  })
  after(async () => {
    await s.stop()
  })

  test('ZNN deposit from a key file: deposit index, send, L2 tx hash; the key is never printed', async () => {
    const r = await runCli(['deposit', '--amount', '10', '--token', 'ZNN', '--to', RECIPIENT, '--key-file', s.nomKeyFile, '--no-wait', ...s.endpoints])
    assert.equal(r.stderr.includes('nomx bridge deposit:'), false, r.stderr)
    assert.equal(r.code, 0, r.stderr)
    const index = /^deposit index: (\d+)$/m.exec(r.stdout)
    assert.ok(index !== null, r.stdout)
    const record = (await s.stack.nomClient.call('embedded.anchor.getDeposit', [s.stack.chainId.toString(), index[1]])) as { sender: string; l2Recipient: string; amount: string; sendHash: string }
    assert.equal(record.sender, formatAddress(s.nomUser.address))
    assert.equal(record.l2Recipient, RECIPIENT)
    assert.equal(record.amount, '1000000000')
    assert.match(r.stdout, new RegExp(`^NoM send: ${record.sendHash} \\(momentum \\d+\\)$`, 'm'))
    assert.match(r.stdout, /^L2 deposit tx: 0x[0-9a-f]{64}$/m)
    assert.match(r.stderr, /… Deposit sent in account block [0-9a-f]{64}; waiting for a momentum/)
    assert.match(r.stderr, /… confirmed in momentum \d+; waiting for the anchor to receive it/)
    const seed = Buffer.from(s.nomUser.privateKey).toString('hex')
    assert.equal((r.stdout + r.stderr).includes(seed), false)
  })

  test('too many decimals: refused before anything is sent (exit 1)', async () => {
    const before = await s.stack.nomClient.getAccountInfoByAddress(s.nomUser.address)
    const r = await runCli(['deposit', '--amount', '1.123456789', '--token', 'ZNN', '--to', RECIPIENT, '--key-file', s.nomKeyFile, ...s.endpoints])
    assert.equal(r.code, 1)
    assert.equal(r.stderr, 'nomx bridge deposit: amount 1.123456789 has too many decimals: ZNN has 8 (smallest amount 0.00000001)\n')
    assert.equal(r.stdout, '')
    const afterInfo = await s.stack.nomClient.getAccountInfoByAddress(s.nomUser.address)
    const znn = (i: typeof before) => i.balances.find((b) => bytesEqual(b.tokenStandard, ZNN_ZTS))?.balance
    assert.equal(znn(afterInfo), znn(before))
  })

  test('unknown token name and unknown token standard (exit 1)', async () => {
    const named = await runCli(['deposit', '--amount', '1', '--token', 'FOO', '--to', RECIPIENT, '--key-file', s.nomKeyFile, ...s.endpoints])
    assert.equal(named.code, 1)
    assert.equal(named.stderr, 'nomx bridge deposit: unknown token "FOO": use ZNN, QSR or a zts1… token standard\n')
    const zts = 'zts1qqqqqqqqqqqqqqqqtq587y'
    const unknown = await runCli(['deposit', '--amount', '1', '--token', zts, '--to', RECIPIENT, '--key-file', s.nomKeyFile, ...s.endpoints])
    assert.equal(unknown.code, 1)
    assert.equal(unknown.stderr, `nomx bridge deposit: unknown token ${zts}: no such token on the NoM node (check the token standard)\n`)
  })

  test('missing key (exit 1), and a mnemonic from the environment works', async () => {
    const r = await runCli(['deposit', '--amount', '1', '--token', 'ZNN', '--to', RECIPIENT, ...s.endpoints])
    assert.equal(r.code, 1)
    assert.equal(
      r.stderr,
      'nomx bridge deposit: no NoM key: pass --mnemonic-file FILE [--account i] or --key-file FILE, or set NOMX_NOM_MNEMONIC or NOMX_NOM_KEY (a key on the command line only with --unsafe-key HEX)\n',
    )
    const bad = await runCli(['deposit', '--amount', '1', '--token', 'ZNN', '--to', RECIPIENT, '--unsafe-key', 'zz', ...s.endpoints])
    assert.equal(bad.code, 1)
    assert.equal(bad.stderr, 'nomx bridge deposit: --unsafe-key: expected 64 hex characters (a 32-byte key)\n')
    const fromEnv = await runCli(['deposit', '--amount', '0.00000001', '--token', 'ZNN', '--to', RECIPIENT, '--account', '2', '--no-wait', ...s.endpoints], { NOMX_NOM_MNEMONIC: DEV_MNEMONIC })
    assert.equal(fromEnv.code, 0, fromEnv.stderr)
    const index = /^deposit index: (\d+)$/m.exec(fromEnv.stdout)!
    const record = (await s.stack.nomClient.call('embedded.anchor.getDeposit', [s.stack.chainId.toString(), index[1]])) as { sender: string; amount: string }
    assert.deepEqual([record.sender, record.amount], [formatAddress(s.nomUser.address), '1'])
    assert.equal((fromEnv.stdout + fromEnv.stderr).includes('test test'), false)
  })

  test('QSR deposit with the mnemonic file and --account 2', async () => {
    const r = await runCli(['deposit', '--amount', '2.5', '--token', 'qsr', '--to', RECIPIENT, '--mnemonic-file', s.mnemonicFile, '--account', '2', '--no-wait', ...s.endpoints])
    assert.equal(r.code, 0, r.stderr)
    const index = /^deposit index: (\d+)$/m.exec(r.stdout)!
    const record = (await s.stack.nomClient.call('embedded.anchor.getDeposit', [s.stack.chainId.toString(), index[1]])) as { sender: string; tokenStandard: string; amount: string }
    assert.equal(record.sender, formatAddress(s.nomUser.address))
    assert.equal(record.tokenStandard, 'zts1qsrxxxxxxxxxxxxxmrhjll')
    assert.equal(record.amount, '250000000')
  })

  test('unreachable L2 (needed for the chain id): exit 2 with what to do', async () => {
    const dead = `http://127.0.0.1:${await closedPort()}`
    const r = await runCli(['deposit', '--amount', '1', '--token', 'ZNN', '--to', RECIPIENT, '--key-file', s.nomKeyFile, '--nom-rpc', s.nomUrl, '--l2-rpc', dead])
    assert.equal(r.code, 2)
    assert.equal(r.stderr.startsWith(`nomx bridge deposit: cannot reach the L2 node at ${dead} (`), true, r.stderr)
    assert.match(r.stderr, /\): is it running \(nomx dev\)\? Pass --l2-rpc URL to use another\n$/)
  })

  test('L2 unreachable after the deposit (chain id given): exit 2, the deposit is safe and how to check it', async () => {
    const dead = `http://127.0.0.1:${await closedPort()}`
    const r = await runCli(['deposit', '--amount', '1', '--token', 'ZNN', '--to', RECIPIENT, '--key-file', s.nomKeyFile, '--chain-id', s.stack.chainId.toString(), '--nom-rpc', s.nomUrl, '--l2-rpc', dead])
    assert.equal(r.code, 2)
    const index = /^deposit index: (\d+)$/m.exec(r.stdout)![1]!
    const lines = r.stderr.split('\n').filter((l) => !l.startsWith('… '))
    assert.equal(lines[0]!.startsWith(`nomx bridge deposit: cannot reach the L2 node at ${dead} (`), true, r.stderr)
    assert.equal(lines[1], `Deposit ${index} is safe on NoM: check it later with nomx bridge status --deposit ${index}`)
  })

  test('wrong chain id: exit 1 naming the chain', async () => {
    const r = await runCli(['deposit', '--amount', '1', '--token', 'ZNN', '--to', RECIPIENT, '--key-file', s.nomKeyFile, '--chain-id', '4242', ...s.endpoints])
    assert.equal(r.code, 1)
    assert.equal(r.stderr, `nomx bridge deposit: no chain 4242 on the anchor at ${s.nomUrl}: check --chain-id (default: the L2's eth_chainId) and --nom-rpc\n`)
  })

  test('status --deposit of a DepositCall deposit names the L2 transaction the call became (call fields in its hash)', async () => {
    const data = DepositCallABI.encode({ chainId: s.stack.chainId, to: fromHex(RECIPIENT.slice(2)), value: 0n, gasLimit: 30_000n, data: Uint8Array.of(0xca, 0xfe) })
    const outcome = await callAnchor(s.stack.nomClient, s.nomUser, data, { amount: 100_000_000n, pollMs: 30 })
    assert.deepEqual(outcome, { ok: true, sendHash: outcome.sendHash })
    const record = await depositBySend(s.stack.nomClient, s.stack.chainId, outcome.sendHash)
    assert.deepEqual(record.call, { value: 0n, gasLimit: 30_000n, data: Uint8Array.of(0xca, 0xfe) })
    // A hash without the call fields names no L2 transaction: the receipt would never come.
    const deadline = Date.now() + 30_000
    for (;;) {
      const r = await runCli(['status', '--deposit', record.index.toString(), ...s.endpoints])
      assert.equal(r.code, 0, r.stderr)
      if (/^status: success in L2 block \d+$/m.test(r.stdout)) break
      assert.match(r.stdout, /^status: not on L2 yet /m)
      assert.ok(Date.now() < deadline, r.stdout)
      await new Promise((done) => setTimeout(done, 200))
    }
  })

  test('more than the balance: exit 1', async () => {
    const r = await runCli(['deposit', '--amount', '99999999', '--token', 'ZNN', '--to', RECIPIENT, '--key-file', s.nomKeyFile, ...s.endpoints])
    assert.equal(r.code, 1)
    assert.match(r.stderr, new RegExp(`^nomx bridge deposit: not enough ZNN on ${formatAddress(s.nomUser.address)}: it has [0-9.]+ ZNN, the deposit needs 99999999 ZNN \\(receive pending funds or deposit less\\)\\n$`))
  })
})
