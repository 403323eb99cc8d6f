using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace EmailConnector.Testing.Metadata;

/// <summary>
/// What a built assembly file says about itself, read from its metadata without loading it, so a net462 binary can
/// be inspected from the net10.0 test process.
/// </summary>
public sealed class BuiltAssembly
{
    private BuiltAssembly(string path, AssemblyIdentity identity, IReadOnlyList<AssemblyIdentity> references, string? targetFramework,
        byte[] publicKey, bool strongNameSignedFlag, bool hasStrongNameSignature)
    {
        Path = path;
        Identity = identity;
        References = references;
        TargetFramework = targetFramework;
        PublicKey = publicKey;
        StrongNameSignedFlag = strongNameSignedFlag;
        HasStrongNameSignature = hasStrongNameSignature;
    }

    public string Path { get; }

    public AssemblyIdentity Identity { get; }

    public IReadOnlyList<AssemblyIdentity> References { get; }

    /// <summary>The argument of the assembly's <c>TargetFrameworkAttribute</c>, e.g. <c>.NETFramework,Version=v4.6.2</c>.</summary>
    public string? TargetFramework { get; }

    public byte[] PublicKey { get; }

    /// <summary>The CLI header's StrongNameSigned flag (also set by public signing).</summary>
    public bool StrongNameSignedFlag { get; }

    /// <summary>Whether the strong-name signature blob holds a signature (public signing leaves it zero-filled).</summary>
    public bool HasStrongNameSignature { get; }

    public static BuiltAssembly Read(string path)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException("The built assembly is missing; build the project that produces it first.", path);

        using var stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        var reader = pe.GetMetadataReader();
        var definition = reader.GetAssemblyDefinition();
        var references = reader.AssemblyReferences
            .Select(h => AssemblyIdentity.Of(reader, reader.GetAssemblyReference(h)))
            .ToList();

        var corHeader = pe.PEHeaders.CorHeader ?? throw new BadImageFormatException("No CLI header: not a managed assembly.", path);
        var signatureDirectory = corHeader.StrongNameSignatureDirectory;
        var hasSignature = false;
        if (signatureDirectory.Size > 0 && pe.PEHeaders.TryGetDirectoryOffset(signatureDirectory, out var offset))
        {
            var signature = pe.GetEntireImage().GetContent(offset, signatureDirectory.Size);
            hasSignature = signature.Any(b => b != 0);
        }

        return new BuiltAssembly(path, AssemblyIdentity.Of(reader, definition), references, ReadTargetFramework(reader, definition),
            reader.GetBlobBytes(definition.PublicKey), (corHeader.Flags & CorFlags.StrongNameSigned) != 0, hasSignature);
    }

    private static string? ReadTargetFramework(MetadataReader reader, AssemblyDefinition definition)
    {
        foreach (var handle in definition.GetCustomAttributes())
        {
            var attribute = reader.GetCustomAttribute(handle);
            if (AttributeTypeName(reader, attribute) != "System.Runtime.Versioning.TargetFrameworkAttribute")
                continue;
            var value = attribute.DecodeValue(new StringOnlyAttributeTypeProvider());
            return value.FixedArguments.Length > 0 ? value.FixedArguments[0].Value as string : null;
        }
        return null;
    }

    private static string AttributeTypeName(MetadataReader reader, CustomAttribute attribute)
    {
        EntityHandle type = attribute.Constructor.Kind switch
        {
            HandleKind.MemberReference => reader.GetMemberReference((MemberReferenceHandle)attribute.Constructor).Parent,
            HandleKind.MethodDefinition => reader.GetMethodDefinition((MethodDefinitionHandle)attribute.Constructor).GetDeclaringType(),
            _ => default,
        };
        return type.Kind switch
        {
            HandleKind.TypeReference => FullName(reader, reader.GetTypeReference((TypeReferenceHandle)type)),
            HandleKind.TypeDefinition => FullName(reader, reader.GetTypeDefinition((TypeDefinitionHandle)type)),
            _ => string.Empty,
        };
    }

    private static string FullName(MetadataReader reader, TypeReference type) =>
        reader.GetString(type.Namespace) + "." + reader.GetString(type.Name);

    private static string FullName(MetadataReader reader, TypeDefinition type) =>
        reader.GetString(type.Namespace) + "." + reader.GetString(type.Name);

    // TargetFrameworkAttribute has one string argument and an optional string named argument; nothing else is decoded.
    private sealed class StringOnlyAttributeTypeProvider : ICustomAttributeTypeProvider<string>
    {
        public string GetPrimitiveType(PrimitiveTypeCode typeCode) => typeCode.ToString();
        public string GetSystemType() => "System.Type";
        public string GetSZArrayType(string elementType) => elementType + "[]";
        public string GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) => FullName(reader, reader.GetTypeDefinition(handle));
        public string GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) => FullName(reader, reader.GetTypeReference(handle));
        public string GetTypeFromSerializedName(string name) => name;
        public PrimitiveTypeCode GetUnderlyingEnumType(string type) => throw new NotSupportedException("Enum arguments are not decoded: " + type);
        public bool IsSystemType(string type) => type == "System.Type";
    }
}
