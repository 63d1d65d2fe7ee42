/**
 * A small chain for the RPC read tests: A sends 10 ZNN to B (momentum 2), B receives it and A sends
 * 20 QSR to B (momentum 3), and A's 1 ZNN send to B stays unconfirmed.
 */
import assert from 'node:assert/strict'
import type { AccountBlock, Momentum } from '../../../../../nom/types.ts'
import { QSR_ZTS, ZNN_ZTS } from '../../../../../nom/constants.ts'
import { devKey, publish, receive, send, startDevnet } from '../../helpers.ts'
import type { TestDevnet } from '../../helpers.ts'

export interface Fixture {
  net: TestDevnet
  A: ReturnType<typeof devKey>
  B: ReturnType<typeof devKey>
  s1: AccountBlock
  r1: AccountBlock
  s2: AccountBlock
  s3: AccountBlock
  m2: Momentum
  m3: Momentum
}

export async function startFixture(): Promise<Fixture> {
  const net = await startDevnet()
  const A = devKey(0)
  const B = devKey(1)
  const ok = async (b: AccountBlock) => assert.equal((await publish(net, b)).error, undefined)
  const s1 = await send(net, A, B.address, 10n, ZNN_ZTS)
  await ok(s1)
  const m2 = await net.produceMomentumNow()
  const r1 = await receive(net, B, s1.hash)
  await ok(r1)
  const s2 = await send(net, A, B.address, 20n, QSR_ZTS)
  await ok(s2)
  const m3 = await net.produceMomentumNow()
  const s3 = await send(net, A, B.address, 1n, ZNN_ZTS)
  await ok(s3)
  return { net, A, B, s1, r1, s2, s3, m2, m3 }
}
