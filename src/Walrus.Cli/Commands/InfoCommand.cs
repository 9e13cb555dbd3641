using System.CommandLine;
using System.Text.Json;

namespace Walrus.Cli.Commands;

/// <summary><c>walrus info</c>: epoch, shards, prices, capacity and the committee.</summary>
internal static class InfoCommand
{
    public static Command Create()
    {
        var command = new Command("info", "Show the system: epoch, shards, prices, capacity and the current committee.");
        command.SetAction((result, token) => ClientOptions.RunAsync(async () =>
        {
            using var client = await ClientOptions.ConnectAsync(result, needsWallet: false, token);
            var info = await client.GetSystemInfoAsync(token);
            var s = info.State;
            if (result.GetValue(ClientOptions.Json))
            {
                using var stream = new MemoryStream();
                using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
                {
                    writer.WriteStartObject();
                    writer.WriteNumber("epoch", s.Epoch.Value);
                    writer.WriteString("epochState", s.State.ToString());
                    writer.WriteNumber("nShards", s.ShardCount);
                    writer.WriteNumber("storagePricePerMiB", s.StoragePrice);
                    writer.WriteNumber("writePricePerMiB", s.WritePrice);
                    writer.WriteString("totalCapacity", s.TotalCapacity.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    writer.WriteString("usedCapacity", s.UsedCapacity.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    writer.WriteNumber("epochDurationSeconds", s.EpochDuration);
                    writer.WriteNumber("maxEpochsAhead", s.MaxEpochsAhead);
                    writer.WriteStartArray("committee");
                    foreach (var m in info.Committee.Members)
                    {
                        writer.WriteStartObject();
                        writer.WriteNumber("nodeId", m.NodeId);
                        writer.WriteString("name", m.Name);
                        writer.WriteString("networkAddress", m.NetworkAddress);
                        writer.WriteNumber("shards", m.Weight);
                        writer.WriteString("signingAddress", m.SigningKey.ToString());
                        writer.WriteEndObject();
                    }

                    writer.WriteEndArray();
                    writer.WriteEndObject();
                }

                await Console.Out.WriteLineAsync(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
                return 0;
            }

            await Console.Out.WriteLineAsync($"epoch {s.Epoch.Value} ({s.State}), {s.ShardCount} shards, epoch duration {s.EpochDuration} s, up to {s.MaxEpochsAhead} epochs ahead");
            await Console.Out.WriteLineAsync($"prices: storage {s.StoragePrice} FROST per MiB per epoch, write {s.WritePrice} FROST per MiB");
            await Console.Out.WriteLineAsync($"capacity: {s.UsedCapacity} of {s.TotalCapacity} bytes used");
            await Console.Out.WriteLineAsync($"committee ({info.Committee.Members.Count} nodes):");
            foreach (var m in info.Committee.Members)
            {
                await Console.Out.WriteLineAsync($"  node {m.NodeId} {m.Name} at {m.NetworkAddress}: {m.Weight} shards");
            }

            return 0;
        }));
        return command.WithClientOptions();
    }
}
