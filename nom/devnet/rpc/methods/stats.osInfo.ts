/** stats.osInfo [] → go-zenon's OS facts with this process's values. */
import os from 'node:os'
import type { RPCMethod } from '../context.ts'

export const stats_osInfo: RPCMethod = async () => ({
  os: os.platform(),
  platform: os.type(),
  platformVersion: os.release(),
  kernelVersion: os.release(),
  memoryTotal: os.totalmem(),
  memoryFree: os.freemem(),
  numCPU: os.cpus().length,
  numGoroutine: 1,
})
