using System.Numerics;
using Walrus.Core;

namespace Walrus.Client;

/// <summary>A deleted blob object and the storage token its reservation came back as (reusable by a later store).</summary>
public sealed record DeletedBlob(BigInteger ObjectId, BlobId BlobId, BigInteger StorageTokenId);
