namespace Walrus.Client;

/// <summary>
/// Some files of a <see cref="WalrusClient.StoreManyAsync"/> call failed; every other file was still stored. Per file, in
/// input order, either its <see cref="Results"/> entry or its <see cref="Errors"/> entry is set. Await the
/// <see cref="StoreResult.RemainingUploads"/> of the stored files before the process exits.
/// </summary>
public sealed class StoreManyException : Exception
{
    public StoreManyException()
    {
        Results = [];
        Errors = [];
    }

    public StoreManyException(string message)
        : base(message)
    {
        Results = [];
        Errors = [];
    }

    public StoreManyException(string message, Exception innerException)
        : base(message, innerException)
    {
        Results = [];
        Errors = [];
    }

    /// <summary>The outcome of each file: a result, or the error that stopped it (the first error is the inner exception).</summary>
    public StoreManyException(IReadOnlyList<string> paths, IReadOnlyList<StoreResult?> results, IReadOnlyList<Exception?> errors)
        : base(Describe(paths, errors), FirstError(errors))
    {
        ArgumentNullException.ThrowIfNull(results);
        Results = results;
        Errors = errors;
    }

    /// <summary>Per file, in input order: its result, or null when it failed.</summary>
    public IReadOnlyList<StoreResult?> Results { get; }

    /// <summary>Per file, in input order: why it failed, or null when it was stored.</summary>
    public IReadOnlyList<Exception?> Errors { get; }

    private static string Describe(IReadOnlyList<string> paths, IReadOnlyList<Exception?> errors)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(errors);
        var failed = new List<string>();
        for (var i = 0; i < errors.Count; i++)
        {
            if (errors[i] is { } error)
            {
                failed.Add($"{paths[i]}: {error.Message}");
            }
        }

        return $"{failed.Count} of {paths.Count} files failed ({string.Join("; ", failed)}); the others were stored";
    }

    private static Exception? FirstError(IReadOnlyList<Exception?> errors)
    {
        foreach (var error in errors ?? [])
        {
            if (error is not null)
            {
                return error;
            }
        }

        return null;
    }
}
