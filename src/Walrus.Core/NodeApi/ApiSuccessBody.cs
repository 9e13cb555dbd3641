using System.Text.Json.Serialization;

namespace Walrus.Core.NodeApi;

/// <summary>Walrus's JSON success envelope <c>{"success":{"code","data"}}</c>.</summary>
public sealed record ApiSuccessBody<T>([property: JsonPropertyName("success")] ApiSuccess<T> Success);
