import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createNoMClient } from '../../nom/rpc/client.ts'
import { publishSend, waitForConfirmation } from '../../nom/send.ts'
import { emptyAccountBlock, signAccountBlock } from '../../nom/accountBlock.ts'
import { ZNN_ZTS } from '../../nom/constants.ts'
import { balanceOf } from '../../nom/json.ts'
import { checkPoW } from '../../nom/pow.ts'
import { BlockType } from '../../nom/types.ts'
import { RPCError } from '../../nom/errors.ts'
import { toHex } from '../../nom/hash.ts'

function uintLE(x: bigint): Uint8Array {
  const out = new Uint8Array(8)
  new DataView(out.buffer).setBigUint64(0, x, true)
  return out
}
import { devAccount, startDevnet } from './devnetHarness.ts'

test('an account without plasma gets PoW done in workers and the node accepts it', async () => {
  const h = await startDevnet()
  const client = createNoMClient({ url: h.devnet.wsUrl })
  try {
    const poor = devAccount(9)
    const to = devAccount(5)
    const plasma = await client.getPlasma(poor.address)
    assert.equal(plasma.maxPlasma, 0n)
    const required = await client.getRequiredPoWForAccountBlock({ address: poor.address, blockType: BlockType.UserSend, toAddress: to.address, data: new Uint8Array(0) })
    assert.deepEqual(required, { availablePlasma: 0n, basePlasma: 21_000n, requiredDifficulty: 31_500_000n })

    // without plasma and without work the node refuses the block
    const frontier = await client.getFrontierMomentum()
    const last = await client.getFrontierAccountBlock(poor.address)
    assert.equal(last!.blockType, BlockType.GenesisReceive)
    const template = {
      chainIdentifier: frontier.chainIdentifier,
      blockType: BlockType.UserSend,
      height: last!.height + 1n,
      previousHash: last!.hash,
      momentumAcknowledged: { hash: frontier.hash, height: frontier.height },
      address: poor.address,
      toAddress: to.address,
      tokenStandard: ZNN_ZTS,
      amount: 7n,
    }
    const unpaid = signAccountBlock(emptyAccountBlock({ ...template, fusedPlasma: 0n, difficulty: 0n }), poor)
    await assert.rejects(client.publishRawTransaction(unpaid), new RPCError(-32000, 'not enough TotalPlasma provided for account-block (PoW + Fused)'))
    let badNonce = new Uint8Array(8)
    while (checkPoW(poor.address, last!.hash, 31_500_000n, badNonce)) badNonce = Uint8Array.from([badNonce[0]! + 1, 0, 0, 0, 0, 0, 0, 0])
    const unsolved = signAccountBlock(emptyAccountBlock({ ...template, fusedPlasma: 0n, difficulty: 31_500_000n, nonce: badNonce }), poor)
    await assert.rejects(client.publishRawTransaction(unsolved), new RPCError(-32000, 'account-block nonce/difficulty is invalid'))
    const znnPoor = balanceOf(await client.getAccountInfoByAddress(poor.address), ZNN_ZTS)
    const znnTo = balanceOf(await client.getAccountInfoByAddress(to.address), ZNN_ZTS)

    // 31.5 M expected hashes take ~35 s here (node's SHA3 ~1.1 µs, a second worker does not help on
    // this 2-vCPU machine). To keep the file fast the search starts 300,000 nonces before the first
    // valid one for this genesis (found once offline from nonce 0); the worker still searches and
    // the node still checks the result. With another genesis the start is random (slow, still valid).
    const seeded = toHex(last!.hash) === 'fbcfbd4f510ccd65cadc7a95c3b8a7daea196a6dd23729396a05850fa3bb283b'
    const powStartNonce = seeded ? uintLE(0x016f8e56n - 300_000n) : undefined
    let ticks = 0
    const timer = setInterval(() => ticks++, 10)
    const started = Date.now()
    const send = await publishSend(client, poor, { toAddress: to.address, tokenStandard: ZNN_ZTS, amount: 7n }, powStartNonce === undefined ? {} : { powStartNonce })
    const elapsed = Date.now() - started
    clearInterval(timer)
    assert.equal(send.fusedPlasma, 0n)
    assert.equal(send.difficulty, 31_500_000n)
    assert.equal(checkPoW(poor.address, send.previousHash, send.difficulty, send.nonce), true)
    // the event loop (and the devnet in it) kept running while the workers searched
    assert.ok(ticks >= elapsed / 10 / 4, `${ticks} ticks in ${elapsed} ms`)
    const confirmed = await waitForConfirmation(client, send.hash, { pollMs: 50 })
    assert.ok(confirmed.confirmationDetail!.momentumHeight > 1n)
    assert.equal(confirmed.difficulty, 31_500_000n)
    assert.equal(balanceOf(await client.getAccountInfoByAddress(poor.address), ZNN_ZTS), znnPoor - 7n)
    assert.equal(balanceOf(await client.getAccountInfoByAddress(to.address), ZNN_ZTS), znnTo)
  } finally {
    await client.close()
    await h.stop()
  }
})
