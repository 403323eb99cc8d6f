using System.Security.Cryptography;
using EmailConnector.Platforms.Smtp.Tokens;

namespace EmailConnector.Platforms.Smtp.Tests.Tokens;

public sealed class TokenServiceTests
{
    private static readonly byte[] Key = RandomNumberGenerator.GetBytes(32);

    [Fact]
    public void TrackingToken_RoundTrips()
    {
        var service = new TokenService([Key]);

        var token = service.CreateTrackingToken(TokenPurpose.Click, 123_456, 7);

        Assert.True(service.TryReadTrackingToken(token, TokenPurpose.Click, out var delivery, out var link));
        Assert.Equal(123_456, delivery);
        Assert.Equal(7, link);
    }

    [Fact]
    public void TrackingToken_EveryAlteredCharacter_IsRejected()
    {
        var service = new TokenService([Key]);
        var token = service.CreateTrackingToken(TokenPurpose.Open, 42);

        for (var i = 0; i < token.Length; i++)
        {
            var altered = token[..i] + (token[i] == 'A' ? 'B' : 'A') + token[(i + 1)..];
            Assert.False(service.TryReadTrackingToken(altered, TokenPurpose.Open, out _, out _), $"altered at {i}");
        }
    }

    [Fact]
    public void TrackingToken_OfAnotherPurpose_IsRejected()
    {
        var service = new TokenService([Key]);

        var open = service.CreateTrackingToken(TokenPurpose.Open, 42);

        Assert.False(service.TryReadTrackingToken(open, TokenPurpose.Unsubscribe, out _, out _));
    }

    [Fact]
    public void Tokens_SignedWithAPreviousKey_StillVerifyAfterRotation()
    {
        var old = new TokenService([Key]);
        var rotated = new TokenService([RandomNumberGenerator.GetBytes(32), Key]);

        Assert.True(rotated.TryReadTrackingToken(old.CreateTrackingToken(TokenPurpose.Click, 5, 1), TokenPurpose.Click, out _, out _));
        Assert.True(rotated.TryReadVerpToken(old.CreateVerpToken(5), out var delivery));
        Assert.Equal(5, delivery);
        Assert.False(new TokenService([RandomNumberGenerator.GetBytes(32)]).TryReadVerpToken(old.CreateVerpToken(5), out _));
    }

    [Fact]
    public void VerpToken_IsLowerCaseBase32ThatSurvivesCaseFolding()
    {
        var service = new TokenService([Key]);

        var token = service.CreateVerpToken(987_654_321);

        Assert.Matches("^[a-z2-7]+$", token);
        Assert.True(("b+" + token).Length <= 64);
        Assert.True(service.TryReadVerpToken(token.ToUpperInvariant(), out var delivery));
        Assert.Equal(987_654_321, delivery);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-a-token")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public void TrackingToken_Garbage_IsRejected(string token) =>
        Assert.False(new TokenService([Key]).TryReadTrackingToken(token, TokenPurpose.Open, out _, out _));
}
