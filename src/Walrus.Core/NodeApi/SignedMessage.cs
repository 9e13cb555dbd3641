using System.Text.Json.Serialization;

namespace Walrus.Core.NodeApi;

/// <summary>
/// A message a node signed, JSON <c>{"signed":{"serializedMessage":base64,"signature":base64}}</c> (Walrus's
/// <c>StorageConfirmation::Signed</c>). On Walrus.NET the signature is a 65-byte secp256k1 signature r ‖ s ‖ v (v = 27/28)
/// over an EIP-712 digest, and <see cref="SerializedMessage"/> is the EIP-712 <c>encodeData</c> of the struct including its
/// type hash (<see cref="ConfirmationMessage"/>, <see cref="InvalidBlobMessage"/>), so that
/// <c>digest = keccak256(0x19 ‖ 0x01 ‖ domainSeparator ‖ keccak256(serializedMessage))</c>, with the domain
/// {name "Walrus", version "1", chainId, verifyingContract = BlobRegistry}. ecrecover(digest, signature) gives the node's
/// signing address.
/// </summary>
public sealed record SignedMessage(
    [property: JsonPropertyName("serializedMessage")] byte[] SerializedMessage,
    [property: JsonPropertyName("signature")] byte[] Signature);
