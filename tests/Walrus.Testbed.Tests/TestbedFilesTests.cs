using System.Text.Json;

namespace Walrus.Testbed.Tests;

public class TestbedFilesTests
{
    [Fact]
    public void Client_config_is_one_context_with_the_rpc_url_the_deployment_and_the_wallet()
    {
        var json = TestbedFiles.FormatClientConfig(new Uri("http://127.0.0.1:8545/"), "/d/deployment.json", "/d/wallet.json");

        using var document = JsonDocument.Parse(json);
        Assert.Equal(TestbedFiles.ClientContext, document.RootElement.GetProperty("default_context").GetString());
        var context = document.RootElement.GetProperty("contexts").GetProperty(TestbedFiles.ClientContext);
        Assert.Equal(["rpc_url", "deployment", "wallet"], context.EnumerateObject().Select(p => p.Name).ToList());
        Assert.Equal("http://127.0.0.1:8545", context.GetProperty("rpc_url").GetString());
        Assert.Equal("/d/deployment.json", context.GetProperty("deployment").GetString());
        Assert.Equal("/d/wallet.json", context.GetProperty("wallet").GetString());
    }

    [Fact]
    public void Testbed_state_reads_back_what_was_written_with_a_null_gateway()
    {
        var state = new TestbedFiles.State("http://127.0.0.1:9000", 9000, 11, 10, "/d/deployment.json", null,
        [
            new TestbedFiles.NodeEntry("node-0", 3, "http://127.0.0.1:9001", 9001, 12, [0, 1, 2], false, "/d/nodes/node-0/node-config.json"),
            new TestbedFiles.NodeEntry("node-1", 1, "http://127.0.0.1:9002", 9002, null, [3], false, "/d/nodes/node-1/node-config.json"),
        ]);

        var json = TestbedFiles.FormatState(state);
        var read = TestbedFiles.ParseState(json);

        using var document = JsonDocument.Parse(json);
        Assert.Equal(JsonValueKind.Null, document.RootElement.GetProperty("gatewayUrl").ValueKind);
        Assert.Equal(state.RpcUrl, read.RpcUrl);
        Assert.Equal((9000, 11, 10), (read.AnvilPort, read.AnvilPid, read.Pid));
        Assert.Null(read.GatewayUrl);
        Assert.Equal(2, read.Nodes.Count);
        Assert.Equal(state.Nodes[0].Shards, read.Nodes[0].Shards);
        Assert.Equal(state.Nodes[0] with { Shards = read.Nodes[0].Shards }, read.Nodes[0]);
        Assert.Null(read.Nodes[1].Pid);
    }

    [Theory]
    [InlineData("30s", 30)]
    [InlineData("10m", 600)]
    [InlineData("2h", 7200)]
    [InlineData("90", 90)]
    [InlineData(" 5M ", 300)]
    public void Durations_parse_with_s_m_h_or_no_unit(string text, int seconds)
    {
        Assert.True(DurationText.TryParse(text, out var duration));
        Assert.Equal(TimeSpan.FromSeconds(seconds), duration);
    }

    [Theory]
    [InlineData("")]
    [InlineData("0s")]
    [InlineData("-5m")]
    [InlineData("10d")]
    [InlineData("m")]
    [InlineData("1.5h")]
    public void Bad_durations_are_rejected(string text) => Assert.False(DurationText.TryParse(text, out _));
}
