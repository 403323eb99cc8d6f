using System.Security.Cryptography;
using System.Text;

namespace EmailConnector.Worker.Reactions;

/// <summary>
/// RFC 9562 version 5 (SHA-1, name-based) ids. Rows without an alternate key of their own (email activities, leads,
/// the report note) get an id derived from what makes them unique, so a replay addresses the row the first run
/// created instead of creating a second one; Dataverse lets the caller choose the primary key on create.
/// </summary>
internal static class NameBasedGuid
{
    // A namespace of our own, so our names never collide with another producer's version 5 ids.
    private static readonly Guid Namespace = new("6d1f2c9a-3c55-4e0b-9a55-7a3c1f0e2b41");

    public static Guid Create(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var bytes = new byte[16 + Encoding.UTF8.GetByteCount(name)];
        Namespace.TryWriteBytes(bytes, bigEndian: true, out _);
        Encoding.UTF8.GetBytes(name, bytes.AsSpan(16));
        Span<byte> hash = stackalloc byte[20];
        SHA1.HashData(bytes, hash);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash[..16], bigEndian: true);
    }
}
