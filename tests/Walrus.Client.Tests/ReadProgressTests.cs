using System.IO.Pipes;
using Walrus.TestKit.Cluster;

namespace Walrus.Client.Tests;

/// <summary>
/// The bytes a read reports as written, for each kind of output, on a real network (anvil, the contracts, four node
/// processes; 100 shards so that a multi-MiB blob fits).
/// </summary>
public sealed class ReadProgressTests(LargeCluster large) : IClassFixture<LargeCluster>
{
    private static byte[] RandomBlob(int seed, int size)
    {
        var bytes = new byte[size];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    [Theory]
    [InlineData("file")]
    [InlineData("seekable stream")]
    [InlineData("pipe")]
    public async Task A_read_reports_the_bytes_written_from_0_to_the_blob_length_never_going_back(string output)
    {
        using var client = new WalrusClient(large.Cluster.Chain, TestCluster.User());
        var blob = RandomBlob(17, (4 << 20) + 12_345);
        var stored = await client.StoreAsync(blob);
        await stored.RemainingUploads;
        var reports = new ReadProgressLog();

        byte[] read;
        switch (output)
        {
            case "file":
                var path = Path.Combine(Path.GetTempPath(), $"walrus-read-progress-{Guid.NewGuid():N}");
                try
                {
                    await client.ReadAsync(stored.BlobId, path, null, reports);
                    read = await File.ReadAllBytesAsync(path);
                }
                finally
                {
                    File.Delete(path);
                }

                break;
            case "seekable stream":
                using (var memory = new MemoryStream())
                {
                    await client.ReadAsync(stored.BlobId, memory, null, reports);
                    read = memory.ToArray();
                }

                break;
            default:
                // A real pipe cannot seek (as an HTTP response): the decoder writes the rows in order.
                using (var writer = new AnonymousPipeServerStream(PipeDirection.Out))
                using (var reader = new AnonymousPipeClientStream(PipeDirection.In, writer.ClientSafePipeHandle))
                using (var copy = new MemoryStream())
                {
                    var drain = reader.CopyToAsync(copy);
                    await client.ReadAsync(stored.BlobId, writer, null, reports);
                    writer.Dispose();
                    await drain;
                    read = copy.ToArray();
                }

                break;
        }

        Assert.Equal(blob, read);
        var seen = reports.Snapshot();
        Assert.True(seen.Count > 3, $"only {seen.Count} reports");
        Assert.Equal(("metadata", 0L), (seen[0].Stage, seen[0].BytesWritten));
        Assert.Equal(("done", (long)blob.Length), (seen[^1].Stage, seen[^1].BytesWritten));
        Assert.All(seen, r => Assert.Equal(blob.Length, r.BytesTotal));
        for (var i = 1; i < seen.Count; i++)
        {
            Assert.True(seen[i].BytesWritten >= seen[i - 1].BytesWritten, $"report {i} went back: {seen[i - 1]} then {seen[i]}");
        }

        if (output != "pipe")
        {
            // In place, each systematic sliver counts as it is written (in order, the first row may come last).
            Assert.Contains(seen, r => r.Stage == "slivers" && r.BytesWritten > 0 && r.BytesWritten < blob.Length);
        }
    }

    /// <summary>Keeps every report in the order made (its handler runs at once, unlike <see cref="Progress{T}"/>).</summary>
    private sealed class ReadProgressLog : IProgress<ReadProgress>
    {
        private readonly List<ReadProgress> _reports = [];

        public void Report(ReadProgress value)
        {
            lock (_reports)
            {
                _reports.Add(value);
            }
        }

        public List<ReadProgress> Snapshot()
        {
            lock (_reports)
            {
                return [.. _reports];
            }
        }
    }
}
