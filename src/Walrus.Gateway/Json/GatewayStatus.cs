namespace Walrus.Gateway.Json;

/// <summary><c>GET /status</c>: the gateway's roles, the current epoch and the committee size.</summary>
public sealed record GatewayStatus(string Status, bool Publisher, bool Aggregator, uint Epoch, int Nodes, int Shards);
