namespace Walrus.Core.Encoding;

/// <summary>Receives one sliver pair of a streaming encode; the pair's spans are valid only during the call.</summary>
public delegate void SliverPairAction(SliverPairView pair);
