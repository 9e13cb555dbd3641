using System.Text.Json;
using Walrus.Chain.Crypto;
using Walrus.TestKit.Cluster;

namespace Walrus.Client.Tests;

/// <summary>Writes a client.json (one context "local"), the deployment file and the user's wallet for a cluster into a directory.</summary>
internal static class CliConfig
{
    public static async Task<string> WriteAsync(TestCluster cluster, string dir)
    {
        var d = cluster.Deployment;
        var deployment = Path.Combine(dir, "deployment.json");
        await File.WriteAllTextAsync(deployment, JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["chainId"] = d.ChainId, ["deployBlock"] = d.DeployBlock, ["epochDuration"] = d.EpochDuration, ["nShards"] = d.ShardCount,
            ["wal"] = d.Wal.ToString(), ["directory"] = d.Directory.ToString(), ["nodeRegistry"] = d.NodeRegistry.ToString(),
            ["staking"] = d.Staking.ToString(), ["stakedWal"] = d.StakedWal.ToString(), ["system"] = d.System.ToString(),
            ["storageResource"] = d.StorageResource.ToString(), ["blobRegistry"] = d.BlobRegistry.ToString(),
            ["slashing"] = d.Slashing.ToString(), ["governance"] = d.Governance.ToString(),
        }));
        var wallet = Path.Combine(dir, "wallet.json");
        if (!File.Exists(wallet))
        {
            using var user = TestCluster.User();
            await KeyFile.WriteAsync(wallet, user);
        }

        var config = Path.Combine(dir, "client.json");
        await File.WriteAllTextAsync(config, $$"""
            { "contexts": { "local": { "rpc_url": "{{cluster.Anvil.Endpoint}}", "deployment": "deployment.json", "wallet": "wallet.json" } },
              "default_context": "local" }
            """);
        return config;
    }
}
