namespace Walrus.Client;

/// <summary>What a store did.</summary>
public enum StoreOutcome
{
    /// <summary>Registered (paid), uploaded and certified.</summary>
    NewlyCreated = 0,

    /// <summary>The blob id was already certified long enough: nothing was paid or uploaded.</summary>
    AlreadyCertified = 1,

    /// <summary>An earlier, interrupted store of the caller was found on chain and finished without paying again.</summary>
    Resumed = 2,
}
