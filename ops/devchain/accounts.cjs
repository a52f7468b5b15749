// The devchain's fixed accounts, shared by hardhat.config.cjs and the scenario scripts so both derive
// the same keys. This is Hardhat's published test mnemonic: every key it yields is public knowledge
// and must never hold value on a real network.
'use strict';

module.exports = Object.freeze({
  mnemonic: 'test test test test test test test test test test test junk',
  path: "m/44'/60'/0'/0",
  count: 10,
  chainId: 31337,
});
