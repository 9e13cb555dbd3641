using Walrus.Core.Merkle;

namespace Walrus.Core.Tests.Merkle;

public sealed class MerkleTreeTests
{
    /// <summary>A direct transcription of docs/protocol.md §5, one hash at a time through libsodium.</summary>
    private static byte[] ReferenceRoot(byte[][] leaves)
    {
        if (leaves.Length == 0)
        {
            return new byte[32];
        }

        var level = leaves.Select(l => { var d = new byte[32]; Blake2b256.Hash(0, l, d); return d; }).ToList();
        while (level.Count > 1)
        {
            if (level.Count % 2 == 1)
            {
                level.Add(new byte[32]);
            }

            var next = new List<byte[]>();
            for (var i = 0; i < level.Count; i += 2)
            {
                var d = new byte[32];
                Blake2b256.Hash(1, level[i], level[i + 1], d);
                next.Add(d);
            }

            level = next;
        }

        return level[0];
    }

    [Fact]
    public void Roots_and_every_proof_match_the_definition_for_trees_of_0_to_40_leaves()
    {
        var random = new Random(11);
        for (var count = 0; count <= 40; count++)
        {
            var leaves = Enumerable.Range(0, count).Select(_ => { var b = new byte[5]; random.NextBytes(b); return b; }).ToArray();
            var tree = MerkleTree.Build(leaves.SelectMany(b => b).ToArray(), 5, count);

            Assert.Equal(count == 0 ? MerkleNode.Empty : MerkleNode.FromDigest(ReferenceRoot(leaves)), tree.Root);
            for (var i = 0; i < count; i++)
            {
                var proof = tree.GetProof(i);
                Assert.Equal(MerkleTree.PathLength(count), proof.Path.Length);
                Assert.Equal(MerkleProofResult.Valid, proof.Verify(tree.Root, count, leaves[i], i));
                Assert.Equal(count > 1 ? MerkleProofResult.RootMismatch : MerkleProofResult.Valid, proof.Verify(tree.Root, count, leaves[(i + 1) % count], i));
            }
        }
    }

    [Fact]
    public void The_pad_of_an_odd_level_is_an_empty_node_in_proofs()
    {
        var tree = MerkleTree.Build(new byte[3 * 4], 4, 3);

        Assert.True(tree.GetProof(2).Path[0].IsEmpty);
        Assert.True(tree.GetProof(0).Path[0].IsDigest);
    }

    [Fact]
    public void Proofs_that_are_too_long_or_whose_index_does_not_fit_are_refused()
    {
        var leaves = new byte[8 * 2];
        var tree = MerkleTree.Build(leaves, 2, 8);
        var proof = tree.GetProof(5);
        var leaf = leaves.AsSpan(10, 2).ToArray();

        Assert.Equal(MerkleProofResult.Valid, proof.Verify(tree.Root, 8, leaf, 5));
        Assert.Equal(MerkleProofResult.PathTooLong, proof.Verify(tree.Root, 4, leaf, 5));
        Assert.Equal(MerkleProofResult.LeafIndexOutOfBounds, proof.Verify(tree.Root, 8, leaf, 8));
        Assert.Equal(MerkleProofResult.LeafIndexOutOfBounds, proof.Verify(tree.Root, 8, leaf, -1));
        Assert.Equal(MerkleProofResult.RootMismatch, new MerkleProof(proof.Path[..2]).Verify(tree.Root, 8, leaf, 1));
    }

    [Fact]
    public void A_tree_built_from_leaf_hashes_equals_one_built_from_leaves()
    {
        var leaves = new byte[13 * 7];
        new Random(2).NextBytes(leaves);
        var tree = MerkleTree.Build(leaves, 7, 13);
        var hashes = Enumerable.Range(0, 13).SelectMany(i => tree.LeafHash(i).ToArray()).ToArray();

        Assert.Equal(tree.Root, MerkleTree.BuildFromLeafHashes(hashes).Root);
        Assert.Equal(tree.Root, MerkleTree.ComputeRootFromLeafHashes(hashes));
    }

    [Fact]
    public void Empty_and_an_all_zero_digest_are_different_nodes()
    {
        Assert.NotEqual(MerkleNode.Empty, MerkleNode.FromDigest(new byte[32]));
        Assert.Equal(new byte[32], MerkleNode.Empty.ToArray());
    }
}
