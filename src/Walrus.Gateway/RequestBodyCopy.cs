using System.Buffers;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;

namespace Walrus.Gateway;

/// <summary>Copies a request body to a file under a size limit: the publisher's and the upload relay's blob bodies.</summary>
internal static class RequestBodyCopy
{
    /// <summary>
    /// Copies the body to <paramref name="file"/> (flushed at the end) and returns its length; throws what
    /// <paramref name="tooLarge"/> makes as soon as more than <paramref name="maxBytes"/> arrived. Each piece also goes to
    /// <paramref name="hash"/> when one is given.
    /// </summary>
    public static async Task<long> ToFileAsync(HttpContext context, FileStream file, long maxBytes, Func<Exception> tooLarge, IncrementalHash? hash = null)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(1 << 16);
        try
        {
            long total = 0;
            int read;
            while ((read = await context.Request.Body.ReadAsync(buffer, context.RequestAborted)) > 0)
            {
                total += read;
                if (total > maxBytes)
                {
                    throw tooLarge();
                }

                hash?.AppendData(buffer, 0, read);
                await file.WriteAsync(buffer.AsMemory(0, read), context.RequestAborted);
            }

            await file.FlushAsync(context.RequestAborted);
            return total;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
