using System.Buffers;
using System.Buffers.Binary;
using Walrus.Core.Encoding;
using Walrus.Core.Quilts;

namespace Walrus.Core.Tests.Quilts;

public sealed class QuiltReaderTests
{
    [Theory]
    [InlineData(10, 6, 3000, 1)]
    [InlineData(100, 40, 5000, 2)]
    [InlineData(1000, 30, 2000, 3)]
    public void Every_patch_reads_back_from_the_blob_and_from_only_its_columns(int shards, int count, int maxSize, int seed)
    {
        var t = QuiltTestQuilts.Create(shards, count, maxSize, seed);
        var columns = t.Columns();
        Assert.True(QuiltColumns.TryFromBlob(t.Config, t.Blob, out var whole, out var error), error?.Message);
        Assert.True(QuiltReader.TryReadIndex(whole, out var index, out error), error?.Message);
        Assert.Equal(count, index.Patches.Count);

        // The index from its own columns only.
        Assert.True(QuiltColumns.TryFromSlivers(t.Config, index.IndexSecondarySliverIndices().Select(c => columns[c.Value]), out var indexOnly, out error), error?.Message);
        Assert.True(QuiltReader.TryReadIndex(indexOnly, out var index2, out error), error?.Message);
        Assert.Equal(index.Patches.Select(p => (p.Identifier, p.InternalId)), index2.Patches.Select(p => (p.Identifier, p.InternalId)));

        var quiltId = new Rs2Encoder(t.Config).ComputeBlobId(t.Blob);
        foreach (var patch in t.Patches)
        {
            Assert.True(QuiltReader.TryReadPatch(whole, index, patch.Identifier, out var content, out error), error?.Message);
            AssertPatch(patch, content);

            // By patch id, with only the patch's columns: what a reader fetches.
            Assert.True(index.TryGetPatch(patch.Identifier, out var entry));
            var id = QuiltPatchId.Parse(entry.PatchId(quiltId).ToString());
            Assert.Equal(quiltId, id.QuiltId);
            var own = id.Patch.SecondarySliverIndices().Select(c => columns[c.Value]);
            Assert.True(QuiltColumns.TryFromSlivers(t.Config, own, out var patchOnly, out error), error?.Message);
            Assert.True(QuiltReader.TryReadPatch(patchOnly, id.Patch, out content, out error), error?.Message);
            AssertPatch(patch, content);
            Assert.Equal(
                id.Patch.SecondarySliverIndices().Select(c => shards - 1 - c.Value),
                id.Patch.SliverPairIndices(t.Config).Select(p => (int)p.Value));

            // Chunked copy into a buffer writer.
            Assert.True(QuiltReader.TryReadPatchHeader(patchOnly, id.Patch, out var header, out error), error?.Message);
            var writer = new ArrayBufferWriter<byte>();
            Assert.True(QuiltReader.TryCopyPatchData(patchOnly, header, writer, out error), error?.Message);
            Assert.Equal(patch.Data, writer.WrittenSpan.ToArray());
        }
    }

    [Fact]
    public async Task The_blob_is_the_same_through_a_span_a_buffer_writer_a_stream_and_from_stream_patches()
    {
        var t = QuiltTestQuilts.Create(100, 20, 100_000, 4);
        var writer = new ArrayBufferWriter<byte>();
        t.Quilt.WriteTo(writer);
        Assert.Equal(t.Blob, writer.WrittenSpan.ToArray());

        using var stream = new MemoryStream();
        await t.Quilt.WriteToAsync(stream);
        Assert.Equal(t.Blob, stream.ToArray());

        var builder = new QuiltBuilder(t.Config);
        foreach (var patch in t.Patches)
        {
            builder.Add(patch.Identifier, new MemoryStream(patch.Data), patch.Tags);
        }

        var fromStreams = builder.Build();
        Assert.Equal(t.Blob, fromStreams.ToArray());
        using var stream2 = new MemoryStream();
        await fromStreams.WriteToAsync(stream2);
        Assert.Equal(t.Blob, stream2.ToArray());
    }

    [Fact]
    public void Tags_and_lookups_by_tag_come_back()
    {
        var t = QuiltTestQuilts.Create(10, 4, 100, 5);
        Assert.True(QuiltColumns.TryFromBlob(t.Config, t.Blob, out var columns, out _));
        Assert.True(QuiltReader.TryReadIndex(columns, out var index, out _));
        var expected = t.Patches.Where(p => p.Tags?["parity"] == "a").Select(p => p.Identifier).Order(StringComparer.Ordinal);
        Assert.Equal(expected, index.FindByTag("parity", "a").Select(p => p.Identifier));
        Assert.Empty(index.FindByTag("parity", "zzz"));
        Assert.False(QuiltReader.TryReadPatch(columns, index, "nope", out _, out var error));
        Assert.Equal(QuiltErrorKind.NotFound, error.Kind);
    }

    [Fact]
    public void A_missing_column_is_named_in_the_error()
    {
        var t = QuiltTestQuilts.Create(10, 2, 3000, 6);
        var columns = t.Columns();
        var patch = t.Quilt.Index.Patches.First(p => p.InternalId.ColumnCount > 1);
        var held = patch.InternalId.SecondarySliverIndices().Skip(1).Select(c => columns[c.Value]);
        Assert.True(QuiltColumns.TryFromSlivers(t.Config, held, out var some, out _));

        Assert.False(QuiltReader.TryReadPatch(some, patch.InternalId, out _, out var error));
        Assert.Equal(QuiltErrorKind.MissingColumns, error.Kind);
        Assert.Equal([new SliverIndex(patch.StartColumn)], error.MissingColumns);

        Assert.False(QuiltReader.TryReadIndex(some, out _, out error));
        Assert.Equal(QuiltErrorKind.MissingColumns, error.Kind);
        Assert.Equal([new SliverIndex(0)], error.MissingColumns);
    }

    [Fact]
    public void A_patch_header_reads_from_its_first_column_alone_and_its_data_then_names_the_other_columns()
    {
        var t = QuiltTestQuilts.Create(10, 2, 3000, 6);
        var columns = t.Columns();
        var patch = t.Quilt.Index.Patches.First(p => p.InternalId.ColumnCount > 1);
        Assert.True(QuiltColumns.TryFromSlivers(t.Config, [columns[patch.InternalId.StartColumn]], out var first, out _));

        Assert.True(QuiltReader.TryReadPatchHeader(first, patch.InternalId, out var header, out var error), error?.Message);
        Assert.Equal(patch.Identifier, header.Identifier);
        Assert.Equal(t.Patches.Single(p => p.Identifier == patch.Identifier).Data.Length, header.DataLength);

        Assert.False(QuiltReader.TryReadPatch(first, patch.InternalId, out _, out error));
        Assert.Equal(QuiltErrorKind.MissingColumns, error.Kind);
        Assert.Equal(patch.InternalId.SecondarySliverIndices().Skip(1), error.MissingColumns);
    }

    [Fact]
    public void An_index_over_several_columns_asks_for_the_rest_after_column_0()
    {
        var patches = Enumerable.Range(0, 20)
            .Select(i => new QuiltTestQuilts.Patch($"p{i:D2}", new Dictionary<string, string> { ["meta"] = new string('m', 2000) }, [(byte)i]))
            .ToList();
        var t = QuiltTestQuilts.Create(EncodingConfig.Create(100), patches);
        Assert.True(t.Quilt.Index.IndexColumns > 1);
        var columns = t.Columns();
        Assert.True(QuiltColumns.TryFromSlivers(t.Config, [columns[0]], out var first, out _));
        Assert.False(QuiltReader.TryReadIndex(first, out _, out var error));
        Assert.Equal(QuiltErrorKind.MissingColumns, error.Kind);
        Assert.Equal(Enumerable.Range(1, t.Quilt.Index.IndexColumns - 1).Select(c => new SliverIndex((ushort)c)), error.MissingColumns);
    }

    [Theory]
    [InlineData("version")]
    [InlineData("index length")]
    [InlineData("index bytes")]
    [InlineData("patch version")]
    [InlineData("patch length")]
    [InlineData("identifier length")]
    [InlineData("identifier bytes")]
    [InlineData("tags length")]
    [InlineData("tags order")]
    public void A_corrupt_quilt_is_refused_with_a_clear_error(string what)
    {
        var patches = new List<QuiltTestQuilts.Patch>
        {
            new("a", new Dictionary<string, string> { ["k1"] = "v", ["k2"] = "w" }, [1, 2, 3]),
        };
        var t = QuiltTestQuilts.Create(EncodingConfig.Create(10), patches);
        var blob = t.Blob;
        var patch = t.Quilt.Index.Patches[0];
        var s = t.Quilt.SymbolSize;
        var row = t.Quilt.RowSize;

        // Byte k of column c (column-major offset k) lives at row k / S, column c, byte k % S.
        var columnSize = t.Quilt.ColumnSize;
        int At(int column, int k) => ((k % columnSize / s) * row) + ((column + (k / columnSize)) * s) + (k % s);
        void Put(int column, int k, byte value) => blob[At(column, k)] = value;

        var c = patch.StartColumn;
        switch (what)
        {
            case "version": Put(0, 0, 2); break;
            case "index length": Put(0, 4, 0xff); break;
            case "index bytes": Put(0, 5, 0x7f); break;
            case "patch version": Put(c, 0, 9); break;
            case "patch length": Put(c, 4, 0xff); break;
            case "identifier length": Put(c, 6, 0xff); break;
            case "identifier bytes": Put(c, 8, 0x05); break;
            case "tags length": Put(c, 11, 0xff); break;
            case "tags order": Put(c, 15, (byte)'3'); break;
        }

        Assert.True(QuiltColumns.TryFromBlob(t.Config, blob, out var columns, out _));
        var ok = QuiltReader.TryReadIndex(columns, out _, out var error) && QuiltReader.TryReadPatch(columns, patch.InternalId, out _, out error);
        Assert.False(ok);
        Assert.Equal(QuiltErrorKind.CorruptQuilt, error!.Kind);
        Assert.StartsWith("Corrupt quilt: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_blob_that_is_not_a_whole_matrix_is_refused()
    {
        var config = EncodingConfig.Create(10);
        Assert.False(QuiltColumns.TryFromBlob(config, new byte[config.SourceSymbolsPerBlob * 2 + 1], out _, out var error));
        Assert.Equal(QuiltErrorKind.CorruptQuilt, error.Kind);
        Assert.False(QuiltColumns.TryFromBlob(config, ReadOnlyMemory<byte>.Empty, out _, out _));
        Assert.False(QuiltColumns.TryFromBlob(config, new byte[config.SourceSymbolsPerBlob * 3], out _, out _));
    }

    [Fact]
    public void Garbage_never_throws_and_never_claims_a_huge_buffer()
    {
        var config = EncodingConfig.Create(10);
        var random = new Random(7);
        for (var i = 0; i < 2000; i++)
        {
            var blob = new byte[config.SourceSymbolsPerBlob * 2 * random.Next(1, 40)];
            random.NextBytes(blob);
            blob[0] = (byte)(i % 3 == 0 ? 1 : blob[0]);
            if (i % 2 == 0)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(blob.AsSpan(1), (uint)random.Next(0, 64));
            }

            Assert.True(QuiltColumns.TryFromBlob(config, blob, out var columns, out _));
            _ = QuiltReader.TryReadIndex(columns, out _, out _);
            var start = (ushort)random.Next(0, 8);
            var id = new QuiltPatchInternalId(start, (ushort)(start + random.Next(0, 8)));
            if (QuiltReader.TryReadPatch(columns, id, out var content, out _))
            {
                Assert.True(content.Data.Length <= blob.Length);
            }
        }
    }

    [Fact]
    public void Every_single_byte_change_of_a_small_quilt_reads_or_fails_cleanly()
    {
        var t = QuiltTestQuilts.Create(7, 3, 40, 8);
        var quiltColumns = t.Quilt.Index.Patches[^1].EndColumn;
        for (var i = 0; i < t.Blob.Length; i++)
        {
            if ((i % t.Quilt.RowSize) / t.Quilt.SymbolSize >= quiltColumns)
            {
                continue;
            }

            var blob = (byte[])t.Blob.Clone();
            blob[i] ^= 0xa5;
            Assert.True(QuiltColumns.TryFromBlob(t.Config, blob, out var columns, out _));
            if (QuiltReader.TryReadIndex(columns, out var index, out _))
            {
                foreach (var patch in index.Patches)
                {
                    _ = QuiltReader.TryReadPatch(columns, patch.InternalId, out _, out _);
                }
            }
        }
    }

    [Fact]
    public void Slivers_that_are_not_quilt_columns_are_refused()
    {
        var t = QuiltTestQuilts.Create(10, 2, 100, 9);
        var columns = t.Columns();
        using var encoded = new Rs2Encoder(t.Config).Encode(t.Blob, EncodedBlobOptions.MaterializeAll);
        Assert.False(QuiltColumns.TryFromSlivers(t.Config, [encoded.GetPrimarySliver(new SliverIndex(0))], out _, out var error));
        Assert.Equal(QuiltErrorKind.InvalidInput, error.Kind);
        Assert.False(QuiltColumns.TryFromSlivers(t.Config, [encoded.GetSecondarySliver(new SliverIndex(9))], out _, out _));
        var odd = new SliverData(SliverType.Secondary, new SliverIndex(1), columns[1].SymbolSize, columns[1].Symbols[..^columns[1].SymbolSize]);
        Assert.False(QuiltColumns.TryFromSlivers(t.Config, [columns[0], odd], out _, out error));
        Assert.Equal(QuiltErrorKind.CorruptQuilt, error.Kind);
        Assert.False(QuiltColumns.TryFromSlivers(t.Config, [], out _, out _));
    }

    private static void AssertPatch(QuiltTestQuilts.Patch expected, QuiltPatchContent actual)
    {
        Assert.Equal(expected.Identifier, actual.Identifier);
        Assert.Equal(expected.Data, actual.Data);
        Assert.Equal(
            (expected.Tags ?? []).OrderBy(kv => kv.Key, StringComparer.Ordinal),
            actual.Tags.OrderBy(kv => kv.Key, StringComparer.Ordinal));
    }
}
