namespace Walrus.Testbed;

/// <summary>A testbed control request that could not be done: no testbed, not running, unknown node, or the operation failed (the message says which).</summary>
public sealed class TestbedControlException : Exception
{
    public TestbedControlException()
    {
    }

    public TestbedControlException(string message)
        : base(message)
    {
    }

    public TestbedControlException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
