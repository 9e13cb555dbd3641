namespace Walrus.Chain.Abi;

/// <summary>
/// A call or transaction reverted. When the revert data matches a known custom error, <see cref="ErrorName"/>
/// names it (e.g. <c>BlobRegistryNotCertified</c>) and <see cref="Arguments"/> holds the decoded values;
/// <c>require</c> messages appear as ErrorName "Error" with the message, panics as "Panic" with the code.
/// </summary>
public sealed class ContractRevertException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ContractRevertException(string? errorName, IReadOnlyList<AbiParameter> parameters, IReadOnlyList<object?> arguments, byte[] revertData)
        : base(Describe(errorName, parameters, arguments, revertData))
    {
        ErrorName = errorName;
        Parameters = parameters;
        Arguments = arguments;
        RevertData = revertData;
    }

    /// <summary>Required by the analyzers; prefer the detailed constructor.</summary>
    public ContractRevertException()
        : this(null, [], [], [])
    {
    }

    /// <summary>Required by the analyzers; prefer the detailed constructor.</summary>
    public ContractRevertException(string message)
        : base(message)
    {
        Parameters = [];
        Arguments = [];
        RevertData = [];
    }

    /// <summary>Required by the analyzers; prefer the detailed constructor.</summary>
    public ContractRevertException(string message, Exception innerException)
        : base(message, innerException)
    {
        Parameters = [];
        Arguments = [];
        RevertData = [];
    }

    /// <summary>The custom error's name, or null when the revert data is unknown or empty.</summary>
    public string? ErrorName { get; }

    /// <summary>The error's parameters (names and types).</summary>
    public IReadOnlyList<AbiParameter> Parameters { get; }

    /// <summary>The decoded arguments, in parameter order.</summary>
    public IReadOnlyList<object?> Arguments { get; }

    /// <summary>The raw revert data.</summary>
    public byte[] RevertData { get; }

    /// <summary>The argument called <paramref name="name"/>.</summary>
    public object? this[string name]
    {
        get
        {
            for (var i = 0; i < Parameters.Count; i++)
            {
                if (Parameters[i].Name == name)
                {
                    return Arguments[i];
                }
            }

            throw new KeyNotFoundException($"The error {ErrorName} has no argument '{name}'.");
        }
    }

    private static string Describe(string? errorName, IReadOnlyList<AbiParameter> parameters, IReadOnlyList<object?> arguments, byte[] revertData)
    {
        if (errorName is null)
        {
            return revertData.Length == 0
                ? "The contract reverted without data."
                : $"The contract reverted with unknown data {Hex.Encode(revertData)}.";
        }

        var parts = new string[arguments.Count];
        for (var i = 0; i < arguments.Count; i++)
        {
            var name = i < parameters.Count ? parameters[i].Name : "arg" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            parts[i] = name + "=" + Format(arguments[i]);
        }

        return $"The contract reverted with {errorName}({string.Join(", ", parts)}).";
    }

    private static string Format(object? value) => value switch
    {
        null => "null",
        byte[] bytes => Hex.Encode(bytes),
        string text => "\"" + text + "\"",
        object?[] list => "[" + string.Join(", ", list.Select(Format)) + "]",
        IFormattable formattable => formattable.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}
