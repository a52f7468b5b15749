using System.Numerics;
using Rollout.Mesh.Identity;

namespace Rollout.Token.Snapshots;

/// <summary>One entry of a retroactive reward snapshot: a peer and its reward in units; <see cref="Index"/> is its position in the file.</summary>
public readonly record struct RetroReward(PeerId PeerId, BigInteger Units, int Index);
