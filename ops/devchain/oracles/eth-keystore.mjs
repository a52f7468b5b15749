// Input: {"decrypt": [{"json": "<keystore>", "password": "..."}], "encrypt": [{"key": "0x..", "password": "...", "n": 1024}]}
// Output: {"decrypt": [{"address", "privateKey"}], "encrypt": ["<keystore json>"]}
import { Wallet, decryptKeystoreJsonSync, encryptKeystoreJsonSync } from 'ethers';

const input = JSON.parse(await new Response(process.stdin).text());
const output = {
  decrypt: (input.decrypt ?? []).map(({ json, password }) => {
    const account = decryptKeystoreJsonSync(json, password);
    return { address: account.address, privateKey: account.privateKey };
  }),
  encrypt: (input.encrypt ?? []).map(({ key, password, n }) => {
    const wallet = new Wallet(key);
    return encryptKeystoreJsonSync({ address: wallet.address, privateKey: wallet.privateKey }, password, { scrypt: { N: n } });
  }),
};
process.stdout.write(JSON.stringify(output));
