// Input: {"keys": ["0x<32-byte private key>", ...]} → [{address, publicKey, compressedPublicKey}, ...]
//     or {"addresses": ["0x<20 bytes>", ...]} → ["<EIP-55 checksummed>", ...]
import { SigningKey, computeAddress, getAddress } from 'ethers';

const input = JSON.parse(await new Response(process.stdin).text());
const output = input.keys
  ? input.keys.map((key) => {
      const signingKey = new SigningKey(key);
      return {
        address: computeAddress(signingKey.publicKey),
        publicKey: signingKey.publicKey,
        compressedPublicKey: signingKey.compressedPublicKey,
      };
    })
  : input.addresses.map((address) => getAddress(address));
process.stdout.write(JSON.stringify(output));
