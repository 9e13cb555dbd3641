using Walrus.Chain.Abi;

namespace Walrus.Chain.Services;

/// <summary>One view call of a batch: contract, function and arguments.</summary>
public sealed record ContractCall(Address Contract, AbiFunction Function, object?[] Arguments);
