namespace Walrus.Client;

/// <summary>What a store did.</summary>
public enum StoreOutcome
{
    /// <summary>Registered (paid), uploaded and certified.</summary>
    NewlyCreated = 0,

    /// <summary>The blob id was already certified long enough: nothing was paid or uploaded.</summary>
    AlreadyCertified = 1,

    /// <summary>
    /// An earlier, interrupted store of the caller was found on chain and finished without paying for it again; when it
    /// ended before the wanted end it was extended too (<see cref="ReuseAndExtendNonCertified"/>, only the added epochs paid).
    /// </summary>
    Resumed = 2,
}
