namespace Walrus.Cli.Tests;

/// <summary><c>walrus convert-blob-id</c>: any of the three forms in, all three out; needs no network.</summary>
public sealed class ConvertBlobIdCommandTests
{
    // A blob id and its decimal u256 (little-endian reading of the bytes, as explorers show it) and bytes32 hex.
    private const string Base64 = "E7_nNXvFU_3qZVu3OH1yycRG7LZlyn1-UxEDCDDqGGU";
    private const string Decimal = "45727618340030935768586913391786663432804976072043168237250654202185870982931";
    private const string Hex = "0x13bfe7357bc553fdea655bb7387d72c9c446ecb665ca7d7e5311030830ea1865";

    [Theory]
    [InlineData(Base64)]
    [InlineData(Decimal)]
    [InlineData(Hex)]
    public async Task Every_form_converts_to_the_same_three_forms(string input)
    {
        var json = await WalrusProcess.JsonAsync("convert-blob-id", input, "--json");

        Assert.Equal(Base64, json.GetProperty("blobId").GetString());
        Assert.Equal(Decimal, json.GetProperty("decimal").GetString());
        Assert.Equal(Hex, json.GetProperty("hex").GetString());
    }

    [Fact]
    public async Task The_decimal_form_converts_back_to_the_blob_id_it_came_from()
    {
        var there = await WalrusProcess.JsonAsync("convert-blob-id", "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8", "--json");
        var back = await WalrusProcess.JsonAsync("convert-blob-id", there.GetProperty("decimal").GetString()!, "--json");

        Assert.Equal("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8", back.GetProperty("blobId").GetString());
        Assert.Equal("0x000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f", back.GetProperty("hex").GetString());
    }

    [Theory]
    [InlineData("not-a-blob-id")]
    [InlineData("0x1234")]
    [InlineData("12345678901234567890123456789012345678901234567890123456789012345678901234567890")]
    public async Task A_bad_blob_id_is_one_error_line_and_a_non_zero_exit(string input)
    {
        var line = WalrusProcess.AssertOneErrorLine(await WalrusProcess.RunAsync("convert-blob-id", input));

        Assert.Contains(input, line, StringComparison.Ordinal);
    }
}
