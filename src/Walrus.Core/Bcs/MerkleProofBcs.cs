using System.Diagnostics.CodeAnalysis;
using Walrus.Core.Merkle;

namespace Walrus.Core.Bcs;

/// <summary>BCS of <see cref="MerkleProof"/> (<c>MerkleProof { path: Vec&lt;Node&gt; }</c>; the hash-type marker takes no bytes).</summary>
public static class MerkleProofBcs
{
    public static void Write(BcsWriter writer, MerkleProof proof)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(proof);
        writer.WriteLength(proof.Path.Length);
        foreach (var node in proof.Path)
        {
            writer.WriteNode(node);
        }
    }

    public static byte[] ToBcs(MerkleProof proof)
    {
        var writer = new BcsWriter(16 + (33 * (proof?.Path.Length ?? 0)));
        Write(writer, proof!);
        return writer.ToArray();
    }

    /// <summary>Reads a proof; paths longer than <see cref="MerkleProof.MaxPathLength"/> are refused.</summary>
    public static bool TryRead(ref BcsReader reader, [NotNullWhen(true)] out MerkleProof? proof)
    {
        proof = null;
        if (!reader.TryReadLength(MerkleProof.MaxPathLength, 1, out var length))
        {
            return false;
        }

        var path = new MerkleNode[length];
        for (var i = 0; i < length; i++)
        {
            if (!reader.TryReadNode(out path[i]))
            {
                return false;
            }
        }

        proof = new MerkleProof(path, takeOwnership: true);
        return true;
    }

    public static bool TryFromBcs(ReadOnlySpan<byte> bytes, [NotNullWhen(true)] out MerkleProof? proof, [NotNullWhen(false)] out string? error)
    {
        var reader = new BcsReader(bytes);
        if (TryRead(ref reader, out proof) && reader.TryFinish())
        {
            error = null;
            return true;
        }

        proof = null;
        error = reader.Error ?? "invalid Merkle proof";
        return false;
    }
}
