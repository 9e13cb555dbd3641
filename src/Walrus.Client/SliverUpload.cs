using Walrus.Core;

namespace Walrus.Client;

/// <summary>One sliver to send in a PUT of many slivers (<see cref="NodeClient.PutSliversAsync"/>): its pair, type and BCS body.</summary>
public readonly record struct SliverUpload(SliverPairIndex Pair, SliverType Type, ReadOnlyMemory<byte> Bcs);
