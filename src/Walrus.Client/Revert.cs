using System.Numerics;
using Walrus.Chain.Abi;

namespace Walrus.Client;

/// <summary>
/// Turns the contract errors a user can cause when managing blobs and stake into a <see cref="WalrusClientException"/>
/// that says what failed and what to do; other reverts pass through unchanged (they name the contract error).
/// </summary>
internal static class Revert
{
    /// <summary>Runs <paramref name="action"/> on blob object <paramref name="id"/> (or stake position, with <paramref name="stake"/>), translating its known reverts.</summary>
    public static async Task<T> TranslateAsync<T>(Func<Task<T>> action, BigInteger id, bool stake = false)
    {
        try
        {
            return await action();
        }
        catch (ContractRevertException e) when (Describe(e, id, stake) is { } message)
        {
            throw new WalrusClientException(message, e);
        }
    }

    /// <summary>A clear sentence for a known contract error, or null.</summary>
    public static string? Describe(ContractRevertException e, BigInteger id, bool stake) => e.ErrorName switch
    {
        "BlobRegistryUnknownBlob" or "ERC721NonexistentToken" when !stake => $"blob object {id} does not exist (deleted, burned or never registered): list yours with list-blobs",
        "BlobRegistryNotAuthorized" => $"blob object {id} is not yours: use the wallet that holds it (--wallet)",
        "BlobRegistryNotCertified" => $"blob object {id} is not certified: store the file again to finish it",
        "BlobRegistryBlobExpired" => $"blob object {id} has expired (end epoch {e["endEpoch"]})",
        "BlobRegistryNotDeletable" => $"blob object {id} is permanent: only deletable blobs can be deleted",
        "BlobRegistryBlobIdInvalid" => $"the blob of object {id} was marked invalid on chain: it cannot be extended",
        "BlobRegistryUnknownAttribute" => $"blob object {id} has no attribute '{e["key"]}'",
        "BlobRegistryInvalidAttributeKey" => "an attribute key must be 1 to 1024 bytes",
        "BlobRegistryAttributeValueTooLong" => "an attribute value must be at most 16384 bytes",
        "SystemCostTooHigh" => $"the price rose while paying for object {id}: nothing was paid; run the command again",
        "StakingUnknownPosition" or "ERC721NonexistentToken" => $"stake position {id} does not exist (withdrawn already?): list yours with list-staked-wal",
        "StakingNotPositionOwner" => $"stake position {id} is not yours: use the wallet that holds it (--wallet)",
        "StakingAlreadyWithdrawing" => $"stake position {id} is already withdrawing: run withdraw-stake once its withdraw epoch comes",
        "StakingNotWithdrawing" => $"stake position {id} is not withdrawing: run request-withdraw-stake first",
        "StakingWithdrawTooEarly" => $"stake position {id} can be withdrawn from epoch {e["withdrawEpoch"]} on: run withdraw-stake then",
        "StakingStakeTooLow" => $"a stake must be at least 1 WAL (1000000000 FROST), not {e["amount"]}",
        "StakingUnknownNode" => $"there is no storage node {e["nodeId"]}: see the committee with `walrus info`",
        "StakingNodeDeregistered" => $"storage node {e["nodeId"]} has left: it takes no new stake",
        "ERC20InsufficientBalance" => "your wallet has too little WAL for this",
        _ => null,
    };
}
