/** Typed results of the §4 RPC methods and their strict go-zenon JSON codecs (both directions). */
import type { Address, BlockType, Hash } from '../types.ts'
import type { AccountBlockWithExtras, MomentumWithProducer } from '../json.ts'
import { accountBlockToJSON, accountBlockWithExtrasFromJSON, momentumFromJSON, momentumToJSON } from '../json.ts'
import type { JSONObject } from '../jsonReader.ts'
import {
  field,
  readAddress,
  readArray,
  readBool,
  readDecimal,
  readHash,
  readObject,
  readString,
  readUint,
  toBase64,
  toJSONNumber,
} from '../jsonReader.ts'
import { formatAddress } from '../address.ts'
import { toHex } from '../hash.ts'

export interface AccountBlockList {
  list: AccountBlockWithExtras[]
  count: bigint
  more: boolean
}

export interface MomentumList {
  list: MomentumWithProducer[]
  count: bigint
}

export interface DetailedMomentum {
  momentum: MomentumWithProducer
  blocks: AccountBlockWithExtras[]
}

export interface DetailedMomentumList {
  list: DetailedMomentum[]
  count: bigint
}

export interface RequiredPoWParams {
  address: Address
  blockType: BlockType
  toAddress: Address | null
  data: Uint8Array
}

export interface RequiredPoW {
  availablePlasma: bigint
  basePlasma: bigint
  requiredDifficulty: bigint
}

export interface PlasmaInfo {
  currentPlasma: bigint
  maxPlasma: bigint
  qsrAmount: bigint
}

export interface FusionEntry {
  qsrAmount: bigint
  beneficiary: Address
  expirationHeight: bigint
  id: Hash
  /** go-zenon sends `isRevocable` (frontier height ≥ expirationHeight); absent from older nodes. */
  isRevocable?: boolean
}

export interface FusionEntryList {
  qsrAmount: bigint
  count: bigint
  list: FusionEntry[]
}

export interface SyncInfo {
  /** 0 Unknown, 1 Syncing, 2 SyncDone, 3 NotEnoughPeers. */
  state: number
  currentHeight: bigint
  targetHeight: bigint
}

export interface PeerInfo {
  publicKey: string
  ip: string
  name: string
}

export interface NetworkInfo {
  numPeers: number
  peers: PeerInfo[]
  self: PeerInfo
}

export interface ProcessInfo {
  version: string
  commit: string
}

/** Notification item of the momentums topic. */
export interface MomentumNotification {
  hash: Hash
  height: bigint
}

/** Notification item of the block topics (descendants flattened in). */
export interface BlockNotification {
  blockType: BlockType
  hash: Hash
  height: bigint
  address: Address
  toAddress: Address
  fromHash: Hash
}

// ---- decoders ------------------------------------------------------------------------------

export function accountBlockListFromJSON(v: unknown, path = 'result'): AccountBlockList {
  const o = readObject(v, path)
  const list = field(o, 'list', path)
  return {
    list: list === null ? [] : readArray(list, `${path}.list`).map((b, i) => accountBlockWithExtrasFromJSON(b, `${path}.list[${i}]`)),
    count: readUint(field(o, 'count', path), `${path}.count`),
    more: readBool(field(o, 'more', path), `${path}.more`),
  }
}

export function momentumListFromJSON(v: unknown, path = 'result'): MomentumList {
  const o = readObject(v, path)
  const list = field(o, 'list', path)
  return {
    list: list === null ? [] : readArray(list, `${path}.list`).map((m, i) => momentumFromJSON(m, `${path}.list[${i}]`)),
    count: readUint(field(o, 'count', path), `${path}.count`),
  }
}

export function detailedMomentumListFromJSON(v: unknown, path = 'result'): DetailedMomentumList {
  const o = readObject(v, path)
  const list = field(o, 'list', path)
  return {
    list:
      list === null
        ? []
        : readArray(list, `${path}.list`).map((d, i) => {
            const dp = `${path}.list[${i}]`
            const dobj = readObject(d, dp)
            const blocks = field(dobj, 'blocks', dp)
            return {
              momentum: momentumFromJSON(field(dobj, 'momentum', dp), `${dp}.momentum`),
              blocks: blocks === null ? [] : readArray(blocks, `${dp}.blocks`).map((b, j) => accountBlockWithExtrasFromJSON(b, `${dp}.blocks[${j}]`)),
            }
          }),
    count: readUint(field(o, 'count', path), `${path}.count`),
  }
}

export function requiredPoWParamsToJSON(p: RequiredPoWParams): JSONObject {
  return {
    address: formatAddress(p.address),
    blockType: p.blockType,
    toAddress: p.toAddress === null ? null : formatAddress(p.toAddress),
    data: toBase64(p.data),
  }
}

export function requiredPoWFromJSON(v: unknown, path = 'result'): RequiredPoW {
  const o = readObject(v, path)
  return {
    availablePlasma: readUint(field(o, 'availablePlasma', path), `${path}.availablePlasma`),
    basePlasma: readUint(field(o, 'basePlasma', path), `${path}.basePlasma`),
    requiredDifficulty: readUint(field(o, 'requiredDifficulty', path), `${path}.requiredDifficulty`),
  }
}

export function plasmaInfoFromJSON(v: unknown, path = 'result'): PlasmaInfo {
  const o = readObject(v, path)
  return {
    currentPlasma: readUint(field(o, 'currentPlasma', path), `${path}.currentPlasma`),
    maxPlasma: readUint(field(o, 'maxPlasma', path), `${path}.maxPlasma`),
    qsrAmount: readDecimal(field(o, 'qsrAmount', path), `${path}.qsrAmount`),
  }
}

export function fusionEntryListFromJSON(v: unknown, path = 'result'): FusionEntryList {
  const o = readObject(v, path)
  const list = field(o, 'list', path)
  return {
    qsrAmount: readDecimal(field(o, 'qsrAmount', path), `${path}.qsrAmount`),
    count: readUint(field(o, 'count', path), `${path}.count`),
    list:
      list === null
        ? []
        : readArray(list, `${path}.list`).map((e, i) => {
            const ep = `${path}.list[${i}]`
            const eo = readObject(e, ep)
            const entry: FusionEntry = {
              qsrAmount: readDecimal(field(eo, 'qsrAmount', ep), `${ep}.qsrAmount`),
              beneficiary: readAddress(field(eo, 'beneficiary', ep), `${ep}.beneficiary`),
              expirationHeight: readUint(field(eo, 'expirationHeight', ep), `${ep}.expirationHeight`),
              id: readHash(field(eo, 'id', ep), `${ep}.id`),
            }
            if (eo.isRevocable !== undefined) entry.isRevocable = readBool(eo.isRevocable, `${ep}.isRevocable`)
            return entry
          }),
  }
}

export function syncInfoFromJSON(v: unknown, path = 'result'): SyncInfo {
  const o = readObject(v, path)
  return {
    state: Number(readUint(field(o, 'state', path), `${path}.state`)),
    currentHeight: readUint(field(o, 'currentHeight', path), `${path}.currentHeight`),
    targetHeight: readUint(field(o, 'targetHeight', path), `${path}.targetHeight`),
  }
}

function peerFromJSON(v: unknown, path: string): PeerInfo {
  const o = readObject(v, path)
  return {
    publicKey: readString(field(o, 'publicKey', path), `${path}.publicKey`),
    ip: readString(field(o, 'ip', path), `${path}.ip`),
    name: readString(field(o, 'name', path), `${path}.name`),
  }
}

export function networkInfoFromJSON(v: unknown, path = 'result'): NetworkInfo {
  const o = readObject(v, path)
  const peers = field(o, 'peers', path)
  return {
    numPeers: Number(readUint(field(o, 'numPeers', path), `${path}.numPeers`)),
    peers: peers === null ? [] : readArray(peers, `${path}.peers`).map((p, i) => peerFromJSON(p, `${path}.peers[${i}]`)),
    self: peerFromJSON(field(o, 'self', path), `${path}.self`),
  }
}

export function processInfoFromJSON(v: unknown, path = 'result'): ProcessInfo {
  const o = readObject(v, path)
  return { version: readString(field(o, 'version', path), `${path}.version`), commit: readString(field(o, 'commit', path), `${path}.commit`) }
}

export function momentumNotificationFromJSON(v: unknown, path = 'notification'): MomentumNotification {
  const o = readObject(v, path)
  return { hash: readHash(field(o, 'hash', path), `${path}.hash`), height: readUint(field(o, 'height', path), `${path}.height`) }
}

export function blockNotificationFromJSON(v: unknown, path = 'notification'): BlockNotification {
  const o = readObject(v, path)
  const blockType = Number(readUint(field(o, 'blockType', path), `${path}.blockType`)) as BlockType
  return {
    blockType,
    hash: readHash(field(o, 'hash', path), `${path}.hash`),
    height: readUint(field(o, 'height', path), `${path}.height`),
    address: readAddress(field(o, 'address', path), `${path}.address`),
    toAddress: readAddress(field(o, 'toAddress', path), `${path}.toAddress`),
    fromHash: readHash(field(o, 'fromHash', path), `${path}.fromHash`),
  }
}

// ---- encoders (for servers speaking the same shapes) ----------------------------------------

export function accountBlockListToJSON(l: AccountBlockList): JSONObject {
  return { list: l.list.map((b) => accountBlockToJSON(b, b)), count: toJSONNumber(l.count, 'count'), more: l.more }
}

export function momentumListToJSON(l: MomentumList): JSONObject {
  return { list: l.list.map(momentumToJSON), count: toJSONNumber(l.count, 'count') }
}

export function requiredPoWToJSON(r: RequiredPoW): JSONObject {
  return {
    availablePlasma: toJSONNumber(r.availablePlasma, 'availablePlasma'),
    basePlasma: toJSONNumber(r.basePlasma, 'basePlasma'),
    requiredDifficulty: toJSONNumber(r.requiredDifficulty, 'requiredDifficulty'),
  }
}

export function blockNotificationToJSON(b: BlockNotification): JSONObject {
  return {
    blockType: b.blockType,
    hash: toHex(b.hash),
    height: toJSONNumber(b.height, 'height'),
    address: formatAddress(b.address),
    toAddress: formatAddress(b.toAddress),
    fromHash: toHex(b.fromHash),
  }
}
