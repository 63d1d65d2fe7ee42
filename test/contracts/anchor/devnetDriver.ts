/**
 * AnchorDriver over the real devnet: the anchor runs as an embedded contract of createDevnet, calls
 * are signed account blocks published with the nom/ client, outcomes come from the contract receive
 * (data u64be(1) success / u64be(2) failure + refund) and the failure text from
 * embedded.anchor.getCallFailure.
 *
 * With `momentumsOnDemand`, a call and `waitForHeight` produce the momentums they wait for at once
 * (devnet.produceMomentumNow) instead of waiting for the interval's: a call still takes its two
 * momentums (the send's, then the anchor's receive) and a window still its heights, in a fraction
 * of the time. The interval keeps ticking too, as on a live node.
 */
import type { Address, Hash, TokenStandard } from '../../../nom/types.ts'
import { createDevnet } from '../../../nom/devnet/devnet.ts'
import type { Devnet } from '../../../nom/devnet/devnet.ts'
import { createNoMClient } from '../../../nom/rpc/client.ts'
import type { NoMClient } from '../../../nom/rpc/client.ts'
import { publishSend, receiveAll, waitForConfirmation } from '../../../nom/send.ts'
import { encodeCall } from '../../../nom/abi.ts'
import { RPCError } from '../../../nom/errors.ts'
import { PLASMA_ADDRESS, QSR_ZTS, ZNN_ZTS } from '../../../nom/constants.ts'
import { bytesEqual, toHex, u64be } from '../../../nom/hash.ts'
import { ANCHOR_ADDRESS } from '../../../contracts/anchor/address.ts'
import { createAnchorContract } from '../../../contracts/anchor/contract.ts'
import type { AnchorDriver, CallResult } from './driver.ts'
import { devActors } from './driver.ts'

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

export interface DevnetDriver extends AnchorDriver {
  /** Stops the devnet and starts it again on the same data folder (a fresh contract object). */
  restart(): Promise<void>
  readonly devnet: Devnet
}

export async function createDevnetDriver(options: {
  dataDir: string
  administratorDelay: bigint
  momentumIntervalMs?: number
  momentumsOnDemand?: boolean
}): Promise<DevnetDriver> {
  const actors = devActors()
  const start = async () => {
    const contract = createAnchorContract({ administrator: actors.admin.address, administratorDelay: options.administratorDelay })
    const devnet = await createDevnet({
      dataDir: options.dataDir,
      momentumIntervalMs: options.momentumIntervalMs ?? 100,
      http: { port: 0 },
      ws: { port: 0 },
      contracts: [contract],
    })
    return { devnet, client: createNoMClient({ url: devnet.httpUrl }) }
  }
  let current: { devnet: Devnet; client: NoMClient } = await start()
  // The dev genesis fuses plasma for accounts 0–8 only: the admin fuses 1,000 QSR for `other` (account 9),
  // enough for a full 16 KiB frame (21,000 + 68 × 16,384 = 1,133,208 plasma; 1 QSR = 2,100 plasma).
  const fuse = await publishSend(current.client, actors.admin.keyPair, {
    toAddress: PLASMA_ADDRESS,
    tokenStandard: QSR_ZTS,
    amount: 1_000n * 100_000_000n,
    data: encodeCall('Fuse(address)', [actors.other.address]),
  })
  /** The next momentum's turn: produced now, or a short wait for the interval's. */
  const nextMomentum = async (pollMs: number): Promise<void> => {
    if (options.momentumsOnDemand === true) await current.devnet.produceMomentumNow()
    else await sleep(pollMs)
  }
  if (options.momentumsOnDemand === true) await current.devnet.produceMomentumNow()
  await waitForConfirmation(current.client, fuse.hash, { pollMs: 30 })

  const waitForReceive = async (sendHash: Hash): Promise<Uint8Array> => {
    const deadline = Date.now() + 30_000
    for (;;) {
      const send = await current.client.getAccountBlockByHash(sendHash)
      const receive = send?.pairedAccountBlock
      if (receive !== null && receive !== undefined && receive.confirmationDetail !== null) return receive.data
      if (Date.now() > deadline) throw new Error(`no contract receive for ${toHex(sendHash)}`)
      await nextMomentum(30)
    }
  }

  const driver: DevnetDriver = {
    actors,
    administratorDelay: options.administratorDelay,
    get devnet() {
      return current.devnet
    },
    async call(from, data, amount = 0n, token: TokenStandard = ZNN_ZTS): Promise<CallResult> {
      let sendHash: Hash
      try {
        sendHash = (await publishSend(current.client, from.keyPair, { toAddress: ANCHOR_ADDRESS, tokenStandard: token, amount, data })).hash
      } catch (e) {
        if (e instanceof RPCError) return { ok: false, stage: 'publish', error: e.message }
        throw e
      }
      const outcome = await waitForReceive(sendHash)
      if (bytesEqual(outcome, u64be(1n))) return { ok: true }
      if (!bytesEqual(outcome, u64be(2n))) throw new Error(`unexpected receive data ${toHex(outcome)}`)
      const failure = (await current.client.call('embedded.anchor.getCallFailure', [toHex(sendHash)])) as { error: string } | null
      if (failure === null) throw new Error(`failed call ${toHex(sendHash)} has no recorded reason`)
      return { ok: false, stage: 'execute', error: failure.error }
    },
    async frontierHeight() {
      return (await current.client.getFrontierMomentum()).height
    },
    async momentumHash(height) {
      const list = await current.client.getMomentumsByHeight(height, 1)
      const m = list.list[0]
      if (m === undefined) throw new Error(`no momentum at ${height}`)
      return m.hash
    },
    async waitForHeight(height) {
      while ((await driver.frontierHeight()) < height) await nextMomentum(40)
    },
    async balance(who, token: TokenStandard = ZNN_ZTS) {
      let address: Address
      if ('keyPair' in who) {
        for (const r of await receiveAll(current.client, who.keyPair)) void r
        address = who.address
      } else address = who
      const info = await current.client.getAccountInfoByAddress(address)
      const entry = info.balances.find((b) => bytesEqual(b.tokenStandard, token))
      return entry?.balance ?? 0n
    },
    rpc(name, params) {
      return current.client.call(`embedded.anchor.${name}`, params) as Promise<any>
    },
    async restart() {
      await current.client.close()
      await current.devnet.stop()
      current = await start()
    },
    async close() {
      await current.client.close()
      await current.devnet.stop()
    },
  }
  return driver
}
