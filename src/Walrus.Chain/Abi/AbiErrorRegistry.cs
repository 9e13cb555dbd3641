namespace Walrus.Chain.Abi;

/// <summary>Known custom errors by selector; turns revert data into a typed <see cref="ContractRevertException"/>.</summary>
public sealed class AbiErrorRegistry
{
    private readonly Dictionary<uint, AbiError> _errors = [];

    /// <summary>A registry that knows <c>Error(string)</c> and <c>Panic(uint256)</c>.</summary>
    public AbiErrorRegistry()
    {
        Add(AbiError.ErrorString);
        Add(AbiError.Panic);
    }

    /// <summary>Adds an error; the same signature twice is fine, two signatures with one selector are not.</summary>
    public AbiErrorRegistry Add(AbiError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (_errors.TryGetValue(error.SelectorValue, out var existing) && existing.Signature != error.Signature)
        {
            ThrowHelper.ThrowInvalidOperation($"Selector clash between {existing.Signature} and {error.Signature}.");
        }

        _errors[error.SelectorValue] = error;
        return this;
    }

    /// <summary>Adds several errors.</summary>
    public AbiErrorRegistry AddRange(IEnumerable<AbiError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        foreach (var error in errors)
        {
            Add(error);
        }

        return this;
    }

    /// <summary>Every registered error.</summary>
    public IEnumerable<AbiError> All => _errors.Values;

    /// <summary>The error with this selector, if known.</summary>
    public bool TryGet(uint selector, out AbiError error) => _errors.TryGetValue(selector, out error!);

    /// <summary>Builds the exception for revert data: named and decoded when the selector is known and the data decodes.</summary>
    public ContractRevertException ToException(byte[] revertData)
    {
        ArgumentNullException.ThrowIfNull(revertData);
        if (revertData.Length >= 4 &&
            _errors.TryGetValue(System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(revertData), out var error))
        {
            try
            {
                var arguments = error.DecodeArguments(revertData);
                return new ContractRevertException(error.Name, error.Parameters, arguments, revertData);
            }
            catch (FormatException)
            {
                // Same selector, undecodable arguments: report the raw data rather than a wrong decoding.
            }
        }

        return new ContractRevertException(null, [], [], revertData);
    }
}
