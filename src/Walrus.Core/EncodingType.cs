namespace Walrus.Core;

/// <summary>
/// Blob encoding types (docs/protocol.md §6). The value is both the u8 used in the blob id derivation and the BCS variant
/// index; 0 was RaptorQ and is rejected everywhere.
/// </summary>
public enum EncodingType : byte
{
    /// <summary>RedStuff with Reed-Solomon over GF(2^16) ("RedStuff/Reed-Solomon").</summary>
    RS2 = 1,
}
