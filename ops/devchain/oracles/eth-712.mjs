// Input: [{"domain": {...}, "types": {...without EIP712Domain}, "message": {...}, "key": "0x.." (optional)}]
//   numbers as decimal strings, bytes as 0x hex.
// Output: [{"hash", "domainSeparator", "primaryType", "encodeType", "signature" (when a key was given)}]
import { TypedDataEncoder, Wallet } from 'ethers';

const input = JSON.parse(await new Response(process.stdin).text());
const output = input.map(({ domain, types, message, key }) => {
  const encoder = TypedDataEncoder.from(types);
  return {
    hash: TypedDataEncoder.hash(domain, types, message),
    domainSeparator: TypedDataEncoder.hashDomain(domain),
    primaryType: encoder.primaryType,
    encodeType: encoder.encodeType(encoder.primaryType),
    signature: key ? new Wallet(key).signingKey.sign(TypedDataEncoder.hash(domain, types, message)).serialized : null,
  };
});
process.stdout.write(JSON.stringify(output));
