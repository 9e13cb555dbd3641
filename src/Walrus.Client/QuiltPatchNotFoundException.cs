namespace Walrus.Client;

/// <summary>A quilt has no patch with the identifiers asked for, or a patch id does not name a patch of its quilt.</summary>
public sealed class QuiltPatchNotFoundException : Exception
{
    public QuiltPatchNotFoundException()
    {
    }

    public QuiltPatchNotFoundException(string message)
        : base(message)
    {
    }

    public QuiltPatchNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
