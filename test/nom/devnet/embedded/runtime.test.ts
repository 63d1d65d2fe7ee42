/**
 * The embedded-contract plug-in (embedded/types.ts) run by the devnet: storage writes and payouts
 * kept on success (descendant ContractSends at heights before the receive, same
 * momentumAcknowledged), everything rolled back and the deposit refunded on failure (data 2),
 * validateSend refusing at publish time, and the contract's rpc table served as embedded.<name>.*.
 */
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import type { AccountBlock } from '../../../../nom/types.ts'
import { BlockType } from '../../../../nom/types.ts'
import type { EmbeddedContract } from '../../../../nom/devnet/embedded/types.ts'
import { EmbeddedContractError } from '../../../../nom/devnet/embedded/types.ts'
import { decodeCall, encodeCall } from '../../../../nom/abi.ts'
import { parseAddress, formatAddress } from '../../../../nom/address.ts'
import { bytesEqual, toHex, u64be } from '../../../../nom/hash.ts'
import { hashAccountBlock } from '../../../../nom/accountBlock.ts'
import { ZNN_ZTS } from '../../../../nom/constants.ts'
import { accountBlockFromJSON } from '../../../../nom/json.ts'
import { balance, devKey, frontierBlock, publish, receive, send, startDevnet } from '../helpers.ts'
import type { TestDevnet } from '../helpers.ts'

const VAULT = parseAddress('z1qxemdeddedxdrydgexxxxxxxxxxxxxxxmqgr0d') // any 0x01 address works; reuse a known one
const COIN = 100_000_000n

/** A tiny contract: Keep(uint64) stores a number and pays half the deposit back; Fail() writes then throws. */
function vault(): EmbeddedContract {
  return {
    address: VAULT,
    name: 'vault',
    methods: [
      {
        signature: 'Keep(uint64)',
        plasma: 52_500n,
        validateSend(send) {
          const [n] = decodeCall('Keep(uint64)', send.data) as [bigint]
          if (n === 0n) throw new EmbeddedContractError('forbidden parameter')
        },
        async execute(ctx, send) {
          const [n] = decodeCall('Keep(uint64)', send.data) as [bigint]
          ctx.storage.put(Uint8Array.of(1), u64be(n))
          ctx.send({ to: send.address, token: send.tokenStandard, amount: send.amount / 2n })
          ctx.send({ to: send.address, token: send.tokenStandard, amount: send.amount / 4n })
        },
      },
      {
        signature: 'Note(bytes)',
        plasma: 52_500n,
        plasmaFor: (data) => 21_000n + 68n * BigInt(data.length),
        validateSend() {},
        async execute() {},
      },
      {
        signature: 'Fail()',
        plasma: 52_500n,
        validateSend() {},
        async execute(ctx) {
          ctx.storage.put(Uint8Array.of(2), Uint8Array.of(1))
          throw new EmbeddedContractError('invalid arguments')
        },
      },
      {
        signature: 'Overpay()',
        plasma: 52_500n,
        validateSend() {},
        async execute(ctx, send) {
          ctx.storage.put(Uint8Array.of(3), Uint8Array.of(1))
          ctx.send({ to: send.address, token: ZNN_ZTS, amount: 1_000_000n * COIN })
        },
      },
    ],
    rpc: {
      async getKept(ctx) {
        const v = await ctx.storage.get(Uint8Array.of(1))
        return v === undefined ? null : Number(new DataView(v.buffer, v.byteOffset).getBigUint64(0))
      },
      async getFlags(ctx) {
        const out: string[] = []
        for await (const [k] of ctx.storage.entries(new Uint8Array(0))) out.push(toHex(k))
        return out
      },
    },
  }
}

let net: TestDevnet
const A = devKey(5)
before(async () => {
  net = await startDevnet({ contracts: [vault()] })
})
after(async () => {
  await net.dispose()
})

async function call(data: Uint8Array, amount: bigint): Promise<{ send: AccountBlock; receive: AccountBlock }> {
  const s = await send(net, A, VAULT, amount, ZNN_ZTS, { data, fusedPlasma: 52_500n })
  assert.equal((await publish(net, s)).error, undefined)
  await net.produceMomentumNow()
  await net.produceMomentumNow()
  const r = (await frontierBlock(net, VAULT))!
  assert.ok(bytesEqual(r.fromBlockHash, s.hash))
  return { send: s, receive: r }
}

test('success: storage kept, payouts become descendants before the receive, sender receives them', async () => {
  const start = await balance(net, A.address, ZNN_ZTS)
  const { receive: r } = await call(encodeCall('Keep(uint64)', [7n]), 8n * COIN)
  assert.ok(bytesEqual(r.data, u64be(1n)))
  assert.equal(r.descendantBlocks.length, 2)
  const [d1, d2] = r.descendantBlocks as [AccountBlock, AccountBlock]
  assert.equal(d1.blockType, BlockType.ContractSend)
  assert.equal(d1.height, r.height - 2n)
  assert.equal(d2.height, r.height - 1n)
  assert.ok(bytesEqual(d2.previousHash, d1.hash))
  assert.ok(bytesEqual(r.previousHash, d2.hash))
  assert.ok(bytesEqual(d1.momentumAcknowledged.hash, r.momentumAcknowledged.hash))
  assert.equal(d1.amount, 4n * COIN)
  assert.equal(d2.amount, 2n * COIN)
  assert.ok(bytesEqual(hashAccountBlock(r), r.hash), 'receive hash commits to its descendants')
  assert.equal(await net.call('embedded.vault.getKept'), 7)
  assert.equal(await balance(net, VAULT, ZNN_ZTS), 2n * COIN)
  // descendants are confirmed and receivable
  const unreceived = (await net.call('ledger.getUnreceivedBlocksByAddress', [formatAddress(A.address), 0, 10])) as { list: unknown[] }
  const hashes = unreceived.list.map((j) => toHex(accountBlockFromJSON(j).hash))
  assert.deepEqual(hashes, [toHex(d1.hash), toHex(d2.hash)])
  assert.equal((await publish(net, await receive(net, A, d1.hash))).error, undefined)
  assert.equal((await publish(net, await receive(net, A, d2.hash))).error, undefined)
  await net.produceMomentumNow()
  assert.equal(await balance(net, A.address, ZNN_ZTS), start - 8n * COIN + 6n * COIN)
})

test('failure: writes rolled back, deposit refunded by one ContractSend, data u64be(2)', async () => {
  const before = await balance(net, A.address, ZNN_ZTS)
  const { receive: r } = await call(encodeCall('Fail()', []), 3n * COIN)
  assert.ok(bytesEqual(r.data, u64be(2n)))
  assert.equal(r.descendantBlocks.length, 1)
  const refund = r.descendantBlocks[0]!
  assert.ok(bytesEqual(refund.toAddress, A.address))
  assert.equal(refund.amount, 3n * COIN)
  assert.deepEqual(await net.call('embedded.vault.getFlags'), ['01'])
  assert.equal((await publish(net, await receive(net, A, refund.hash))).error, undefined)
  await net.produceMomentumNow()
  assert.equal(await balance(net, A.address, ZNN_ZTS), before)
})

test('a payout above the contract balance fails the call (insufficient balance) and refunds', async () => {
  const { receive: r } = await call(encodeCall('Overpay()', []), 1n * COIN)
  assert.ok(bytesEqual(r.data, u64be(2n)))
  assert.equal(r.descendantBlocks.length, 1)
  assert.equal(r.descendantBlocks[0]!.amount, 1n * COIN)
  assert.deepEqual(await net.call('embedded.vault.getFlags'), ['01'])
})

test('validateSend refuses at publish; calls without a deposit fail without a refund block', async () => {
  const bad = await send(net, A, VAULT, 0n, ZNN_ZTS, { data: encodeCall('Keep(uint64)', [0n]), fusedPlasma: 52_500n })
  assert.deepEqual((await publish(net, bad)).error, { code: -32000, message: 'forbidden parameter' })
  const { receive: r } = await call(encodeCall('Fail()', []), 0n)
  assert.ok(bytesEqual(r.data, u64be(2n)))
  assert.equal(r.descendantBlocks.length, 0)
})

test('plasma of an embedded call is the method’s, whatever the data length', async () => {
  const r = (await net.call('embedded.plasma.getRequiredPoWForAccountBlock', [
    { address: formatAddress(A.address), blockType: 2, toAddress: formatAddress(VAULT), data: Buffer.from(encodeCall('Keep(uint64)', [1n])).toString('base64') },
  ])) as { basePlasma: number }
  assert.equal(r.basePlasma, 52_500)
})

test('a method with plasmaFor(data) is priced by its data, at publish and in getRequiredPoW', async () => {
  const data = encodeCall('Note(bytes)', [new Uint8Array(100)])
  const expected = 21_000n + 68n * BigInt(data.length)
  const r = (await net.call('embedded.plasma.getRequiredPoWForAccountBlock', [
    { address: formatAddress(A.address), blockType: 2, toAddress: formatAddress(VAULT), data: Buffer.from(data).toString('base64') },
  ])) as { basePlasma: number }
  assert.equal(BigInt(r.basePlasma), expected)
  const short = await send(net, A, VAULT, 0n, ZNN_ZTS, { data, fusedPlasma: expected - 1n })
  assert.deepEqual((await publish(net, short)).error, { code: -32000, message: 'not enough TotalPlasma provided for account-block (PoW + Fused)' })
  const enough = await send(net, A, VAULT, 0n, ZNN_ZTS, { data, fusedPlasma: expected })
  assert.equal((await publish(net, enough)).error, undefined)
  assert.equal((await frontierBlock(net, A.address))!.basePlasma, expected)
})
