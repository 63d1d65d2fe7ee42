import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { after, before, describe, it } from 'node:test'
import { decodeEventLog, decodeFunctionResult, getAddress, encodeAbiParameters, encodeErrorResult, encodeFunctionData, type Hex } from 'viem'
import { getWithdrawalHashStorageSlot, getWithdrawals } from 'viem/op-stack'
import { DEPOSITOR_ADDRESS, L2_TO_NOM_MESSAGE_PASSER_ADDRESS, L2_TOKEN_BRIDGE_ADDRESS } from '../../../contracts/l2/addresses.ts'
import { BridgedToken, L2TokenBridge } from '../../../contracts/l2/artifacts.ts'
import { bridgedTokenAddress, InvalidTokenStandardError } from '../../../contracts/l2/bridgedTokenAddress.ts'
import { encodeFinalizeDeposit } from '../../../contracts/l2/systemCalldata.ts'
import { withdrawalPayout } from '../../../contracts/anchor/withdrawalPayout.ts'
import { startTestNode, type TestNode } from '../../helpers/node.ts'
import { compileSystemCaller, l2Clients, reverted, rpc, systemCallerAbi, systemCalls, type L2Clients } from './l2Test.ts'

const bridge = L2_TOKEN_BRIDGE_ADDRESS as Hex
const abi = L2TokenBridge.abi
const tokenAbi = BridgedToken.abi
const QSR = '0x04066318c6318c6318c6' as Hex
const ZNN = '0x14e66318c6318c6318c6' as Hex
/** A ZTS with no token on L2 yet. */
const ZTS_X = '0x5a5a5a5a5a5a5a5a5a01' as Hex
const nomUser = '0x00b33fb11bfa6bd03b66bd0499b509cc01dc437a' as Hex
const nomSender = '0x00aa00000000000000000000000000000000aa01' as Hex
const toHex = (b: Uint8Array) => `0x${Buffer.from(b).toString('hex')}` as Hex
const fromHex = (h: Hex) => Uint8Array.from(Buffer.from(h.slice(2), 'hex'))
const word = (x: bigint) => `0x${x.toString(16).padStart(64, '0')}` as Hex

/**
 * The dev genesis plus the SystemCaller probe as code at the depositor address, so a transaction from
 * a dev account to that address runs real, mined calls as the depositor (test chains only: the depositor
 * has no code and no key on a real chain, where the deposit-tx work sends these calls).
 */
function genesisWithDepositorProbe(systemCaller: Hex): Record<string, unknown> {
  const genesis = JSON.parse(readFileSync(new URL('../../../genesis/dev.json', import.meta.url), 'utf8')) as { alloc: Record<string, unknown> }
  genesis.alloc[DEPOSITOR_ADDRESS] = { code: systemCaller, nonce: '0x1' }
  return genesis
}

describe('L2TokenBridge (predeploy 0x4200…0010, real node)', () => {
  let node: TestNode
  let alice: L2Clients
  let systemCaller: Hex
  let qsrToken: Hex

  before(async () => {
    systemCaller = compileSystemCaller()
    node = await startTestNode({ genesis: genesisWithDepositorProbe(systemCaller) })
    alice = l2Clients(node)
    qsrToken = toHex(bridgedTokenAddress(fromHex(QSR)))
  })
  after(async () => {
    await node.stop()
  })

  const finalizeDeposit = (zts: Hex, to: Hex, amount: bigint, name: string, symbol: string, decimals: number) =>
    encodeFunctionData({ abi, functionName: 'finalizeDeposit', args: [zts, nomSender, to, amount, name, symbol, decimals] })
  const tokenCall = (token: Hex, functionName: 'name' | 'symbol' | 'decimals' | 'zts' | 'totalSupply') => ({ target: token, data: encodeFunctionData({ abi: tokenAbi, functionName }) })

  it('tokenAddress(zts) is the CREATE2 address bridgedTokenAddress computes, before any deposit', async () => {
    const predicted = await alice.publicClient.readContract({ address: bridge, abi, functionName: 'tokenAddress', args: [ZTS_X] })
    assert.equal(predicted.toLowerCase(), toHex(bridgedTokenAddress(fromHex(ZTS_X))))
    assert.equal(await alice.publicClient.getCode({ address: predicted }), undefined)
    assert.throws(() => bridgedTokenAddress(new Uint8Array(20)), (e: unknown) => {
      assert.ok(e instanceof InvalidTokenStandardError)
      assert.equal(e.message, 'token standard: expected 10 bytes, got 20')
      return true
    })
  })

  it('a system deposit creates the ERC-20 with the NoM metadata on first use and mints; later deposits only mint', async () => {
    const bob = node.accounts[1]!.address
    const token = toHex(bridgedTokenAddress(fromHex(ZTS_X)))
    const { results, error } = await systemCalls(node, systemCaller, [
      // The first through the runtime encoder the deposit builder uses, the second through viem.
      {
        target: bridge,
        data: toHex(encodeFinalizeDeposit({ zts: fromHex(ZTS_X), nomSender: fromHex(nomSender), to: fromHex(bob), amount: 1_000n, name: 'Token X', symbol: 'TX', decimals: 6 })),
      },
      { target: bridge, data: finalizeDeposit(ZTS_X, bob, 500n, 'Other name', 'OTHER', 18) },
      tokenCall(token, 'name'),
      tokenCall(token, 'symbol'),
      tokenCall(token, 'decimals'),
      tokenCall(token, 'zts'),
      tokenCall(token, 'totalSupply'),
      { target: token, data: encodeFunctionData({ abi: tokenAbi, functionName: 'balanceOf', args: [bob] }) },
    ])
    assert.equal(error, undefined)
    assert.ok(results)
    assert.equal(decodeFunctionResult({ abi: tokenAbi, functionName: 'name', data: results[2]! }), 'Token X')
    assert.equal(decodeFunctionResult({ abi: tokenAbi, functionName: 'symbol', data: results[3]! }), 'TX')
    assert.equal(decodeFunctionResult({ abi: tokenAbi, functionName: 'decimals', data: results[4]! }), 6)
    assert.equal(decodeFunctionResult({ abi: tokenAbi, functionName: 'zts', data: results[5]! }), ZTS_X)
    assert.equal(decodeFunctionResult({ abi: tokenAbi, functionName: 'totalSupply', data: results[6]! }), 1_500n)
    assert.equal(decodeFunctionResult({ abi: tokenAbi, functionName: 'balanceOf', data: results[7]! }), 1_500n)
  })

  it('a mined system deposit: TokenCreated, the mint, DepositFinalized; the token code sits at the predicted address', async () => {
    const run = encodeFunctionData({
      abi: systemCallerAbi,
      functionName: 'run',
      args: [[{ target: bridge, data: finalizeDeposit(QSR, alice.address, 10n ** 9n, 'QSR', 'QSR', 8) }]],
    })
    const txHash = await alice.wallet.sendTransaction({ to: DEPOSITOR_ADDRESS, data: run, gas: 2_000_000n })
    const receipt = await alice.publicClient.waitForTransactionReceipt({ hash: txHash })
    assert.equal(receipt.status, 'success')
    assert.deepEqual(
      receipt.logs.map((l) => l.address),
      [bridge, qsrToken, bridge],
    )
    assert.deepEqual(decodeEventLog({ abi, ...receipt.logs[0]! }), {
      eventName: 'TokenCreated',
      args: { zts: QSR, token: getAddress(qsrToken), name: 'QSR', symbol: 'QSR', decimals: 8 },
    })
    assert.deepEqual(decodeEventLog({ abi: tokenAbi, ...receipt.logs[1]! }), {
      eventName: 'Transfer',
      args: { from: '0x0000000000000000000000000000000000000000', to: alice.address, value: 10n ** 9n },
    })
    assert.deepEqual(decodeEventLog({ abi, ...receipt.logs[2]! }), {
      eventName: 'DepositFinalized',
      args: { zts: QSR, nomSender, to: alice.address, token: getAddress(qsrToken), amount: 10n ** 9n },
    })
    assert.equal(await alice.publicClient.getCode({ address: qsrToken }), BridgedToken.deployedBytecode)
    assert.equal(await alice.publicClient.readContract({ address: qsrToken, abi: tokenAbi, functionName: 'balanceOf', args: [alice.address] }), 10n ** 9n)
    assert.equal(await alice.publicClient.readContract({ address: qsrToken, abi: tokenAbi, functionName: 'decimals' }), 8)
  })

  it('finalizeDeposit refuses any caller but the depositor with CallerNotDepositor', async () => {
    const data = finalizeDeposit(ZTS_X, alice.address, 1n, 'X', 'X', 8)
    const expected = encodeErrorResult({ abi, errorName: 'CallerNotDepositor' })
    assert.equal(expected, '0x77ae8525')
    assert.deepEqual((await rpc(node.rpcUrl, 'eth_call', [{ from: alice.address, to: bridge, data }, 'latest'])).error, reverted(expected))
    const txHash = await alice.wallet.sendTransaction({ to: bridge, data, gas: 3_000_000n })
    assert.equal((await alice.publicClient.waitForTransactionReceipt({ hash: txHash })).status, 'reverted')
    assert.equal(await alice.publicClient.getCode({ address: toHex(bridgedTokenAddress(fromHex(ZTS_X))) }), undefined)
  })

  it('ZNN (native on L2) and the zero token standard have no ERC-20: UnsupportedToken', async () => {
    for (const zts of [ZNN, '0x00000000000000000000' as Hex]) {
      const { error } = await systemCalls(node, systemCaller, [{ target: bridge, data: finalizeDeposit(zts, alice.address, 1n, 'Z', 'Z', 8) }])
      assert.deepEqual(error, reverted(encodeErrorResult({ abi, errorName: 'UnsupportedToken', args: [zts] })))
    }
  })

  it('only the bridge mints, burns and initializes a bridged token: CallerNotBridge', async () => {
    const expected = reverted(encodeErrorResult({ abi: tokenAbi, errorName: 'CallerNotBridge' }))
    for (const data of [
      encodeFunctionData({ abi: tokenAbi, functionName: 'mint', args: [alice.address, 1n] }),
      encodeFunctionData({ abi: tokenAbi, functionName: 'burn', args: [alice.address, 1n] }),
      encodeFunctionData({ abi: tokenAbi, functionName: 'initialize', args: [QSR, 'Q', 'Q', 8] }),
    ]) {
      assert.deepEqual((await rpc(node.rpcUrl, 'eth_call', [{ from: alice.address, to: qsrToken, data }, 'latest'])).error, expected)
    }
    const again = encodeFunctionData({ abi: tokenAbi, functionName: 'initialize', args: [QSR, 'Q', 'Q', 8] })
    // As the bridge (its code swapped for the probe in this eth_call only): a second initialize is refused.
    const { error } = await systemCalls(node, systemCaller, [{ target: qsrToken, data: again }], bridge)
    assert.deepEqual(error, reverted(encodeErrorResult({ abi: tokenAbi, errorName: 'AlreadyInitialized' })))
  })

  it('withdraw burns and records exactly the withdrawal the anchor pays in that ZTS (value 0, data = abi.encode(zts, amount))', async () => {
    const amount = 300_000_000n
    const txHash = await alice.wallet.writeContract({ address: bridge, abi, functionName: 'withdraw', args: [QSR, amount, nomUser] })
    const receipt = await alice.publicClient.waitForTransactionReceipt({ hash: txHash })
    assert.equal(receipt.status, 'success')
    assert.equal(receipt.logs.length, 3)

    const burn = decodeEventLog({ abi: tokenAbi, ...receipt.logs[0]! })
    assert.equal(receipt.logs[0]!.address, qsrToken)
    assert.deepEqual(burn, { eventName: 'Transfer', args: { from: alice.address, to: '0x0000000000000000000000000000000000000000', value: amount } })

    const [withdrawal] = getWithdrawals({ logs: receipt.logs })
    assert.ok(withdrawal)
    assert.equal(receipt.logs[1]!.address, L2_TO_NOM_MESSAGE_PASSER_ADDRESS)
    const data = encodeAbiParameters([{ type: 'bytes10' }, { type: 'uint256' }], [QSR, amount])
    assert.equal(data, `${QSR}${'0'.repeat(44)}${amount.toString(16).padStart(64, '0')}`)
    assert.deepEqual(
      { sender: withdrawal.sender.toLowerCase(), target: withdrawal.target.toLowerCase(), value: withdrawal.value, gasLimit: withdrawal.gasLimit, data: withdrawal.data },
      { sender: bridge, target: nomUser, value: 0n, gasLimit: 0n, data },
    )
    const payout = withdrawalPayout({ ...withdrawal, sender: fromHex(withdrawal.sender), target: fromHex(withdrawal.target), data: fromHex(withdrawal.data) })
    assert.deepEqual({ target: toHex(payout.target), token: toHex(payout.tokenStandard), amount: payout.amount }, { target: nomUser, token: QSR, amount })
    const slot = getWithdrawalHashStorageSlot({ withdrawalHash: withdrawal.withdrawalHash })
    assert.equal((await rpc(node.rpcUrl, 'eth_getStorageAt', [L2_TO_NOM_MESSAGE_PASSER_ADDRESS, slot, 'latest'])).result, word(1n))

    const initiated = decodeEventLog({ abi, ...receipt.logs[2]! })
    assert.deepEqual(initiated, { eventName: 'WithdrawalInitiated', args: { zts: QSR, from: alice.address, nomTarget: getAddress(nomUser), token: initiated.args.token, amount } })
    assert.equal((initiated.args as { token: Hex }).token.toLowerCase(), qsrToken)

    const balance = await alice.publicClient.readContract({ address: qsrToken, abi: tokenAbi, functionName: 'balanceOf', args: [alice.address] })
    assert.equal(balance, 10n ** 9n - amount)
    assert.equal(await alice.publicClient.readContract({ address: qsrToken, abi: tokenAbi, functionName: 'totalSupply' }), 10n ** 9n - amount)
  })

  it('withdraw refusals: ZeroAmount, UnknownToken, InsufficientBalance from the token, TargetNotNoMAddress from the passer', async () => {
    const attempt = async (zts: Hex, amount: bigint, target: Hex) =>
      (await rpc(node.rpcUrl, 'eth_call', [{ from: alice.address, to: bridge, data: encodeFunctionData({ abi, functionName: 'withdraw', args: [zts, amount, target] }) }, 'latest'])).error
    assert.deepEqual(await attempt(QSR, 0n, nomUser), reverted(encodeErrorResult({ abi, errorName: 'ZeroAmount' })))
    assert.deepEqual(await attempt(ZTS_X, 1n, nomUser), reverted(encodeErrorResult({ abi, errorName: 'UnknownToken', args: [ZTS_X] })))
    assert.deepEqual(
      await attempt(QSR, 800_000_000n, nomUser),
      reverted(encodeErrorResult({ abi: tokenAbi, errorName: 'InsufficientBalance', args: [700_000_000n, 800_000_000n] })),
    )
    const target = '0x4200000000000000000000000000000000000042'
    assert.deepEqual(await attempt(QSR, 1n, target), reverted(`0xd620f851${target.slice(2).padStart(64, '0')}`))
  })
})
