namespace Walrus.Chain.Tests.Fakes;

/// <summary>What the scripted server does with one request.</summary>
internal sealed record ScriptedReply
{
    public enum ReplyKind
    {
        Body,
        Drop,
        Hang,
    }

    public ReplyKind Kind { get; init; }

    public string Body { get; init; } = string.Empty;

    public int Status { get; init; } = 200;

    public bool Chunked { get; init; }

    public TimeSpan Delay { get; init; }

    /// <summary>Reset the connection without an answer.</summary>
    public static ScriptedReply Drop { get; } = new() { Kind = ReplyKind.Drop };

    /// <summary>Answer nothing for <paramref name="delay"/>, then reset.</summary>
    public static ScriptedReply Hang(TimeSpan delay) => new() { Kind = ReplyKind.Hang, Delay = delay };

    /// <summary>This exact body (for a batch element: this element).</summary>
    public static ScriptedReply Json(string body, int status = 200) => new() { Body = body, Status = status };
}
