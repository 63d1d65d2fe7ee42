// Signed account blocks of reference §9, as go-zenon JSON (shared by the block, JSON and PoW tests).
export const SEND_JSON = {
  version: 1,
  chainIdentifier: 100,
  blockType: 2,
  hash: '6e9bf5f7512931a4b74d3d1dd20b0f8105a006b1ae059e1535f935e283f2a66c',
  previousHash: '598fa623dd308bec7163bb375aa7546ec4aced3b71a1c9278709903e69280dbd',
  height: 2,
  momentumAcknowledged: { hash: '0385d849ee33b94c8783288c148e3ae741c2ecec98b08b3f59d6bcc219168fe5', height: 1 },
  address: 'z1qzal6c5s9rjnnxd2z7dvdhjxpmmj4fmw56a0mz',
  toAddress: 'z1qr4pexnnfaexqqz8nscjjcsajy5hdqfkgadvwx',
  amount: '10000000000',
  tokenStandard: 'zts1znnxxxxxxxxxxxxx9z4ulx',
  fromBlockHash: '0000000000000000000000000000000000000000000000000000000000000000',
  descendantBlocks: [],
  data: '',
  fusedPlasma: 21000,
  difficulty: 0,
  nonce: '0000000000000000',
  basePlasma: 21000,
  usedPlasma: 21000,
  changesHash: '0000000000000000000000000000000000000000000000000000000000000000',
  publicKey: 'GYyn77OXTL31zPbDBCe/eKir+VCF3hv+LxiOUF3XcJY=',
  signature: '130sas2Jlmu5AC5SsvJ3I0m31WtvzTKmB3DfoAROQ7kuvx/Hd/g+eZn5rSW5+o5jxV5BJtq1vITs/3lCieGaAw==',
}

export const RECEIVE_JSON = {
  ...SEND_JSON,
  blockType: 3,
  hash: 'f845e19928c2452b96c88ff49b60d5e3fa7632a86006a951f80fe8a22dbeb810',
  previousHash: '57b6b7c6edb82b38ec4c992d99c84bf8016f03bf0727ff9daa811d2e862fa77a',
  height: 2,
  momentumAcknowledged: { hash: 'ea202e600eb999ad1bb46788a46c9bebc7c6795c772cbb1f5a262a29a77da740', height: 2 },
  address: 'z1qr4pexnnfaexqqz8nscjjcsajy5hdqfkgadvwx',
  toAddress: 'z1qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqsggv2f',
  amount: '0',
  tokenStandard: 'zts1qqqqqqqqqqqqqqqqtq587y',
  fromBlockHash: '6e9bf5f7512931a4b74d3d1dd20b0f8105a006b1ae059e1535f935e283f2a66c',
  publicKey: 'tUJu3P7Drp25XP662lIjyFlFpvj8bWUpyC+0y5YTzXM=',
  signature: 'IBFUD+6F4sZ5BTS1IzZH1IT/QVc8laskvtoieKQbOM6BGEVy4dstAlznSNHrblBnorKUDofuR7ekjfPem2wGBQ==',
}

export const DART_JSON = {
  ...SEND_JSON,
  hash: '3835082b4afb76971d58d6ad510e7e91f3bb0d41912fac4ec4cfef7bd7bbea73',
  momentumAcknowledged: { hash: 'c37c70550e95d0c72f0924d480321976040108f29fa7530487f8dde81e713689', height: 1 },
  tokenStandard: 'zts1tfjkummwyppk76twsnv50e',
  signature: 'hrQwfpdEYTjoLV9yzEppeky2Y/9T1x760vQPL6NLgD+cn0XD1+F/dOcSwyhg8RxjHWMN6MvD2NnTAX7N+5aCBQ==',
}
