using System.Buffers.Binary;
using Walrus.Core.Encoding;
using Walrus.Core.Quilts;

namespace Walrus.Core.Tests.Quilts;

public sealed class QuiltBuilderTests
{
    [Fact]
    public void Patches_are_sorted_by_their_utf8_bytes_like_walrus_not_by_utf16()
    {
        // U+FF21 is below U+1F600 in UTF-8 (Rust's String order), above it in UTF-16 (JavaScript's string order).
        var quilt = new QuiltBuilder(EncodingConfig.Create(10))
            .Add("😀", new byte[] { 1 })
            .Add("\uFF21", new byte[] { 2 })
            .Add("b", new byte[] { 3 })
            .Build();
        Assert.Equal(["b", "\uFF21", "😀"], quilt.Index.Patches.Select(p => p.Identifier));
    }

    [Fact]
    public void The_layout_does_not_depend_on_the_order_patches_are_added()
    {
        var config = EncodingConfig.Create(31);
        var inputs = Enumerable.Range(0, 12).Select(i => ($"id{i * 7 % 12}", new byte[i * 100])).ToArray();
        var forward = new QuiltBuilder(config);
        var backward = new QuiltBuilder(config);
        foreach (var (id, data) in inputs)
        {
            forward.Add(id, data);
        }

        foreach (var (id, data) in inputs.Reverse())
        {
            backward.Add(id, data);
        }

        Assert.Equal(forward.Build().ToArray(), backward.Build().ToArray());
    }

    [Fact]
    public void A_patch_starts_with_walrus_header_identifier_and_tags()
    {
        var quilt = new QuiltBuilder(EncodingConfig.Create(4))
            .Add("ab", new byte[] { 9, 8, 7 }, new Dictionary<string, string> { ["k"] = "v" })
            .Build();
        var patch = quilt.Index.Patches[0];
        Assert.Equal(1, patch.StartColumn);
        Assert.True(QuiltColumns.TryFromBlob(quilt.Config, quilt.ToArray(), out var columns, out _));
        Assert.True(QuiltReader.TryReadPatchHeader(columns, patch.InternalId, out var header, out _));

        // Header (6) + identifier size (2) + BCS "ab" (3) + tags size (2) + BCS {k: v} (5), then the data.
        Assert.Equal(18, header.DataOffset);
        Assert.Equal(3, header.DataLength);
        var column = new byte[21];
        Assert.True(columns.TryRead(patch.StartColumn, 0, column, out _));
        Assert.Equal(1, column[0]);
        Assert.Equal(18 - 6 + 3, BinaryPrimitives.ReadInt32LittleEndian(column.AsSpan(1)));
        Assert.Equal(QuiltLayout.HasTagsFlag, column[5]);
        Assert.Equal(new byte[] { 3, 0, 2, (byte)'a', (byte)'b', 5, 0, 1, 1, (byte)'k', 1, (byte)'v', 9, 8, 7 }, column[6..21]);
    }
}
