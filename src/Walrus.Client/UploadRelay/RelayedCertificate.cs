using Walrus.Chain.Services;

namespace Walrus.Client.UploadRelay;

/// <summary>
/// What an upload on another's behalf collected: a verified quorum certificate, and the uploads to the remaining nodes that
/// go on in the background (they complete within <see cref="StoreOptions.RemainingUploadsTimeout"/>, naming each node
/// that did not get everything; the blob source must stay readable until then).
/// </summary>
public sealed record RelayedCertificate(Certificate Certificate, Task<IReadOnlyList<string>> RemainingUploads);
