namespace Walrus.Core.Quilts;

/// <summary>Thrown by the throwing variants of the quilt API (the <c>Try*</c> variants return the <see cref="QuiltError"/>).</summary>
public sealed class QuiltException : Exception
{
    public QuiltException()
        : this(QuiltError.Invalid("Quilt error."))
    {
    }

    public QuiltException(string message)
        : this(QuiltError.Invalid(message))
    {
    }

    public QuiltException(string message, Exception innerException)
        : base(message, innerException) => Error = QuiltError.Invalid(message);

    public QuiltException(QuiltError error)
        : base(error?.Message)
    {
        ArgumentNullException.ThrowIfNull(error);
        Error = error;
    }

    /// <summary>The error.</summary>
    public QuiltError Error { get; }
}
