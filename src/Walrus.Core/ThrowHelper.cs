using System.Diagnostics.CodeAnalysis;

namespace Walrus.Core;

/// <summary>Throw helpers for programmer errors, kept out of line so that their callers stay small and inlinable.</summary>
internal static class ThrowHelper
{
    [DoesNotReturn]
    public static void ArgumentOutOfRange(string paramName, string message) =>
        throw new ArgumentOutOfRangeException(paramName, message);

    [DoesNotReturn]
    public static void Argument(string paramName, string message) => throw new ArgumentException(message, paramName);

    [DoesNotReturn]
    public static T Argument<T>(string paramName, string message) => throw new ArgumentException(message, paramName);

    [DoesNotReturn]
    public static void InvalidOperation(string message) => throw new InvalidOperationException(message);

    [DoesNotReturn]
    public static void ObjectDisposed(object instance) => throw new ObjectDisposedException(instance.GetType().FullName);

    [DoesNotReturn]
    public static void Format(string message) => throw new FormatException(message);

    [DoesNotReturn]
    public static void BlobTooLarge(long length, long maxLength, int shardCount) =>
        throw new BlobTooLargeException(length, maxLength, shardCount);
}
