/**
 * Issue 5, e2e: a ZNN deposit on NoM becomes native balance on L2 (×10^10, exact); a QSR deposit
 * becomes an ERC-20 balance of the bridged token. Through the whole dev stack: devnet + anchor,
 * deposit watcher, sequencer.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { bytesToHex } from '@ethereumjs/util'
import type { Hex } from 'viem'
import { BridgedToken } from '../../contracts/l2/artifacts.ts'
import { bridgedTokenAddress } from '../../contracts/l2/bridgedTokenAddress.ts'
import { QSR_ZTS, ZNN_ZTS } from '../../nom/constants.ts'
import { startTestStack } from '../helpers/stack.ts'

test('ZNN deposit → native L2 balance ×10^10 exact; QSR deposit → ERC-20 balance; NoM side escrowed exactly', async () => {
  const t = await startTestStack()
  try {
    const recipient: Hex = '0x00000000000000000000000000000000c0ffee01'
    const user = t.roles.user
    const znnBefore = await t.nomBalance(user, ZNN_ZTS)
    const qsrBefore = await t.nomBalance(user, QSR_ZTS)

    const znnAmount = 1_234_567_891n // 12.34567891 ZNN
    const znn = await t.depositOnNoM(user, ZNN_ZTS, znnAmount, recipient)
    assert.equal(znn.record.index, 1n)
    const znnReceipt = await t.waitForL2Deposit(znn)
    assert.equal(znnReceipt.status, '0x1')
    assert.equal(znnReceipt.type, '0x7e')
    assert.equal(BigInt(await t.rpc<string>('eth_getBalance', [recipient, 'latest'])), znnAmount * 10n ** 10n)

    const qsrAmount = 500_000_001n // 5.00000001 QSR
    const qsr = await t.depositOnNoM(user, QSR_ZTS, qsrAmount, recipient)
    assert.equal(qsr.record.index, 2n)
    const qsrReceipt = await t.waitForL2Deposit(qsr)
    assert.equal(qsrReceipt.status, '0x1')
    const token = bytesToHex(bridgedTokenAddress(QSR_ZTS)) as Hex
    const read = (functionName: 'balanceOf' | 'decimals' | 'symbol' | 'totalSupply', args: readonly unknown[] = []) =>
      t.l2.readContract({ address: token, abi: BridgedToken.abi, functionName, args } as never) as Promise<unknown>
    assert.equal(await read('balanceOf', [recipient]), qsrAmount)
    assert.equal(await read('totalSupply'), qsrAmount)
    assert.equal(await read('decimals'), 8)
    assert.equal(await read('symbol'), 'QSR')
    // The native balance is untouched by the QSR deposit.
    assert.equal(BigInt(await t.rpc<string>('eth_getBalance', [recipient, 'latest'])), znnAmount * 10n ** 10n)

    // NoM: the user paid exactly the amounts (plasma, no fees); the anchor escrows them for the chain.
    assert.equal(await t.nomBalance(user, ZNN_ZTS), znnBefore - znnAmount)
    assert.equal(await t.nomBalance(user, QSR_ZTS), qsrBefore - qsrAmount)
    const chain = await t.anchor('getChain', ['73404'])
    const assets = new Map((chain.assets as { tokenStandard: string; deposited: string }[]).map((a) => [a.tokenStandard, BigInt(a.deposited)]))
    assert.equal(assets.get('zts1znnxxxxxxxxxxxxx9z4ulx'), znnAmount)
    assert.equal(assets.get('zts1qsrxxxxxxxxxxxxxmrhjll'), qsrAmount)
  } finally {
    await t.stop()
  }
})
