namespace Walrus.Gateway.Json;

/// <summary>The inner object of <see cref="StoreFailureBody"/>.</summary>
public sealed record StoreFailure(
    int Code,
    string Status,
    string Message,
    IReadOnlyList<Walrus.Core.NodeApi.ApiErrorDetail> Details,
    string? BlobId,
    string FailurePhase,
    string ErrorMsg);
