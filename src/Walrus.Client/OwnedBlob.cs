using Walrus.Chain.Services;

namespace Walrus.Client;

/// <summary>A blob object an account holds: its on-chain record and its state in the current epoch.</summary>
public sealed record OwnedBlob(BlobRecord Blob, OwnedBlobState State);
