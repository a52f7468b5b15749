// Input: one request or an array of them (answered by an array, in order). A request:
//        {"build": [["0x<bytes32>", "<uint256 decimal>"], ...] | null,
//         "load": <standard-v1 tree JSON> | null,
//         "verify": [{"root", "value": [address, amount], "proof": ["0x..", ...]}]}
// Output: {"built": {"root", "dump", "proofs": [[...], ...]} | null,
//          "loaded": {"root", "proofs": [[...], ...], "verified": [bool, ...]} | {"error"} | null,
//          "verified": [bool, ...]}
import { StandardMerkleTree } from '@openzeppelin/merkle-tree';

const input = JSON.parse(await new Response(process.stdin).text());
const encoding = ['bytes32', 'uint256'];

function answer(input) {
  const output = { built: null, loaded: null, verified: [] };

  if (input.build) {
    const tree = StandardMerkleTree.of(input.build, encoding);
    output.built = { root: tree.root, dump: tree.dump(), proofs: input.build.map((_, i) => tree.getProof(i)) };
  }
  if (input.load) {
    try {
      const tree = StandardMerkleTree.load(input.load);
      const proofs = [...tree.entries()].map(([i]) => tree.getProof(i));
      const verified = [...tree.entries()].map(([i, value]) => tree.verify(value, proofs[i]));
      output.loaded = { root: tree.root, proofs, verified };
    } catch (error) {
      output.loaded = { error: String(error.message ?? error) };
    }
  }
  for (const check of input.verify ?? []) {
    output.verified.push(StandardMerkleTree.verify(check.root, encoding, check.value, check.proof));
  }
  return output;
}

process.stdout.write(JSON.stringify(Array.isArray(input) ? input.map(answer) : answer(input)));
