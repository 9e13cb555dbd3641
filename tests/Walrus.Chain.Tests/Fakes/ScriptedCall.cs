using System.Text.Json;

namespace Walrus.Chain.Tests.Fakes;

/// <summary>One JSON-RPC request as a rule sees it.</summary>
internal sealed class ScriptedCall(ScriptedRpcServer server, string method, string idJson, string requestJson, JsonElement parameters)
{
    public string Method { get; } = method;

    /// <summary>The request's id as JSON text.</summary>
    public string IdJson { get; } = idJson;

    public JsonElement Params { get; } = parameters;

    /// <summary>Sends the request to the upstream node and returns its JSON reply (one object).</summary>
    public Task<string> ForwardAsync() => server.ForwardAsync(requestJson);

    /// <summary>A reply object with this request's id and <paramref name="resultJson"/> as result.</summary>
    public ScriptedReply Result(string resultJson) => ScriptedReply.Json("{\"jsonrpc\":\"2.0\",\"id\":" + IdJson + ",\"result\":" + resultJson + "}");

    /// <summary>A reply object with this request's id and a node error.</summary>
    public ScriptedReply Error(int code, string message) =>
        ScriptedReply.Json("{\"jsonrpc\":\"2.0\",\"id\":" + IdJson + ",\"error\":{\"code\":" + code.ToString(System.Globalization.CultureInfo.InvariantCulture) + ",\"message\":" + JsonSerializer.Serialize(message) + "}}");
}
