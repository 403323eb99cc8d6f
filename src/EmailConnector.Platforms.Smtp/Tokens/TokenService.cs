using System.Buffers.Binary;
using System.Security.Cryptography;
using Microsoft.AspNetCore.WebUtilities;

namespace EmailConnector.Platforms.Smtp.Tokens;

/// <summary>What a token is for; part of the signed bytes, so a token of one kind never works as another.</summary>
internal enum TokenPurpose : byte
{
    Open = (byte)'o',
    Click = (byte)'c',
    Unsubscribe = (byte)'u',
    Verp = (byte)'v',
}

/// <summary>
/// HMAC-SHA256 tokens naming a delivery (and a link), never an address. Tracking tokens are base64url for URLs;
/// VERP tokens are base32 for local parts (≤ 64 octets with the prefix, RFC 5321) and double as the Message-ID's
/// left side. The first key signs; every key verifies (rotation); a key id byte picks the key.
/// </summary>
internal sealed class TokenService
{
    private const byte Version = 1;
    private const int TrackingMacLength = 16;
    private const int VerpMacLength = 10;

    private readonly (byte Id, byte[] Key)[] _keys;

    public TokenService(IReadOnlyList<byte[]> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Count == 0 || keys.Any(k => k.Length < 32))
            throw new ArgumentException("Token keys must be at least 32 bytes; the first one signs.", nameof(keys));
        _keys = keys.Select(k => (SHA256.HashData(k)[0], k)).ToArray();
    }

    public string CreateTrackingToken(TokenPurpose purpose, long deliveryId, int linkIndex = 0)
    {
        if (purpose == TokenPurpose.Verp)
            throw new ArgumentException("VERP tokens have their own form.", nameof(purpose));
        Span<byte> payload = stackalloc byte[13 + TrackingMacLength];
        WriteHeader(payload, purpose, _keys[0].Id, deliveryId);
        BinaryPrimitives.WriteUInt16BigEndian(payload[11..], checked((ushort)linkIndex));
        Sign(_keys[0].Key, payload[..13], payload[13..]);
        return WebEncoders.Base64UrlEncode(payload);
    }

    public bool TryReadTrackingToken(string? token, TokenPurpose purpose, out long deliveryId, out int linkIndex)
    {
        deliveryId = 0;
        linkIndex = 0;
        if (string.IsNullOrEmpty(token) || token.Length > 64)
            return false;
        byte[] payload;
        try
        {
            payload = WebEncoders.Base64UrlDecode(token);
        }
        catch (FormatException)
        {
            return false;
        }
        if (payload.Length != 13 + TrackingMacLength || !Verify(payload, 13, purpose, out deliveryId))
            return false;
        linkIndex = BinaryPrimitives.ReadUInt16BigEndian(payload.AsSpan(11));
        return true;
    }

    public string CreateVerpToken(long deliveryId)
    {
        Span<byte> payload = stackalloc byte[11 + VerpMacLength];
        WriteHeader(payload, TokenPurpose.Verp, _keys[0].Id, deliveryId);
        Sign(_keys[0].Key, payload[..11], payload[11..]);
        return Base32.Encode(payload);
    }

    public bool TryReadVerpToken(string? token, out long deliveryId)
    {
        deliveryId = 0;
        if (string.IsNullOrEmpty(token) || token.Length > 40 || !Base32.TryDecode(token, out var payload))
            return false;
        return payload.Length == 11 + VerpMacLength && Verify(payload, 11, TokenPurpose.Verp, out deliveryId);
    }

    private static void WriteHeader(Span<byte> payload, TokenPurpose purpose, byte keyId, long deliveryId)
    {
        payload[0] = Version;
        payload[1] = (byte)purpose;
        payload[2] = keyId;
        BinaryPrimitives.WriteInt64BigEndian(payload[3..], deliveryId);
    }

    private bool Verify(byte[] payload, int signedLength, TokenPurpose purpose, out long deliveryId)
    {
        deliveryId = 0;
        if (payload[0] != Version || payload[1] != (byte)purpose)
            return false;
        Span<byte> expected = stackalloc byte[payload.Length - signedLength];
        foreach (var (id, key) in _keys)
        {
            if (id != payload[2])
                continue;
            Sign(key, payload.AsSpan(0, signedLength), expected);
            if (CryptographicOperations.FixedTimeEquals(expected, payload.AsSpan(signedLength)))
            {
                deliveryId = BinaryPrimitives.ReadInt64BigEndian(payload.AsSpan(3));
                return deliveryId > 0;
            }
        }
        return false;
    }

    private static void Sign(byte[] key, ReadOnlySpan<byte> data, Span<byte> mac)
    {
        Span<byte> full = stackalloc byte[32];
        HMACSHA256.HashData(key, data, full);
        full[..mac.Length].CopyTo(mac);
    }
}
