namespace Walrus.IntegrationTests.Support;

/// <summary>Test blobs: seeded random bytes, so a failing size or seed can be reproduced.</summary>
public static class Blobs
{
    public const int MiB = 1024 * 1024;

    public static byte[] Random(int size, int seed)
    {
        var bytes = new byte[size];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
