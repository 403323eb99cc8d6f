namespace EmailConnector.Platforms.Smtp.Tokens;

/// <summary>
/// RFC 4648 base32 in lower case without padding: survives MTAs that fold the case of local parts, which base64
/// would not.
/// </summary>
internal static class Base32
{
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz234567";

    public static string Encode(ReadOnlySpan<byte> data)
    {
        var chars = new char[(data.Length * 8 + 4) / 5];
        int buffer = 0, bits = 0, index = 0;
        foreach (var b in data)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                chars[index++] = Alphabet[(buffer >> (bits - 5)) & 31];
                bits -= 5;
            }
        }
        if (bits > 0)
            chars[index++] = Alphabet[(buffer << (5 - bits)) & 31];
        return new string(chars, 0, index);
    }

    public static bool TryDecode(string text, out byte[] data)
    {
        data = [];
        var bytes = new byte[text.Length * 5 / 8];
        int buffer = 0, bits = 0, index = 0;
        foreach (var c in text)
        {
            var value = Alphabet.IndexOf(char.ToLowerInvariant(c));
            if (value < 0)
                return false;
            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8)
            {
                if (index == bytes.Length)
                    return false;
                bytes[index++] = (byte)(buffer >> (bits - 8));
                bits -= 8;
            }
        }
        // Left-over bits must be zero padding, or the text is not something Encode produced.
        if ((buffer & ((1 << bits) - 1)) != 0)
            return false;
        data = bytes[..index];
        return true;
    }
}
