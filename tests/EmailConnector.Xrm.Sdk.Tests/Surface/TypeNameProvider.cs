using System.Collections.Immutable;
using System.Reflection.Metadata;
using System.Text.RegularExpressions;

namespace EmailConnector.Xrm.Sdk.Tests.Surface;

/// <summary>Generic parameter names in scope while a signature is decoded.</summary>
internal sealed record GenericScope(ImmutableArray<string> TypeParameters, ImmutableArray<string> MethodParameters);

/// <summary>
/// Decodes signatures to the spelling of the listings: namespace-qualified names, C# keywords for primitive types,
/// <c>T?</c> for <c>Nullable&lt;T&gt;</c>, <c>Name&lt;A, B&gt;</c> for generic instances. By-reference types end in
/// <c>&amp;</c> so the caller can turn them into <c>ref</c>/<c>out</c>. Custom modifiers are dropped.
/// </summary>
internal sealed partial class TypeNameProvider : ISignatureTypeProvider<string, GenericScope>
{
    public static readonly TypeNameProvider Instance = new();

    private static readonly Dictionary<string, string> Keywords = new(StringComparer.Ordinal)
    {
        ["System.Void"] = "void",
        ["System.Boolean"] = "bool",
        ["System.Char"] = "char",
        ["System.SByte"] = "sbyte",
        ["System.Byte"] = "byte",
        ["System.Int16"] = "short",
        ["System.UInt16"] = "ushort",
        ["System.Int32"] = "int",
        ["System.UInt32"] = "uint",
        ["System.Int64"] = "long",
        ["System.UInt64"] = "ulong",
        ["System.Single"] = "float",
        ["System.Double"] = "double",
        ["System.Decimal"] = "decimal",
        ["System.String"] = "string",
        ["System.Object"] = "object",
    };

    public string GetPrimitiveType(PrimitiveTypeCode typeCode) => typeCode switch
    {
        PrimitiveTypeCode.Void => "void",
        PrimitiveTypeCode.Boolean => "bool",
        PrimitiveTypeCode.Char => "char",
        PrimitiveTypeCode.SByte => "sbyte",
        PrimitiveTypeCode.Byte => "byte",
        PrimitiveTypeCode.Int16 => "short",
        PrimitiveTypeCode.UInt16 => "ushort",
        PrimitiveTypeCode.Int32 => "int",
        PrimitiveTypeCode.UInt32 => "uint",
        PrimitiveTypeCode.Int64 => "long",
        PrimitiveTypeCode.UInt64 => "ulong",
        PrimitiveTypeCode.Single => "float",
        PrimitiveTypeCode.Double => "double",
        PrimitiveTypeCode.String => "string",
        PrimitiveTypeCode.Object => "object",
        PrimitiveTypeCode.IntPtr => "System.IntPtr",
        PrimitiveTypeCode.UIntPtr => "System.UIntPtr",
        PrimitiveTypeCode.TypedReference => "System.TypedReference",
        _ => throw new NotSupportedException("Primitive type code " + typeCode),
    };

    public string GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) =>
        Keyword(RawName(reader, handle));

    public string GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) =>
        Keyword(RawName(reader, handle));

    public string GetTypeFromSpecification(MetadataReader reader, GenericScope genericContext, TypeSpecificationHandle handle, byte rawTypeKind) =>
        reader.GetTypeSpecification(handle).DecodeSignature(this, genericContext);

    public string GetSZArrayType(string elementType) => elementType + "[]";

    public string GetArrayType(string elementType, ArrayShape shape) => elementType + "[" + new string(',', shape.Rank - 1) + "]";

    public string GetByReferenceType(string elementType) => elementType + "&";

    public string GetPointerType(string elementType) => elementType + "*";

    public string GetPinnedType(string elementType) => elementType;

    public string GetModifiedType(string modifier, string unmodifiedType, bool isRequired) => unmodifiedType;

    public string GetFunctionPointerType(MethodSignature<string> signature) =>
        "delegate*<" + string.Join(", ", signature.ParameterTypes.Append(signature.ReturnType)) + ">";

    public string GetGenericInstantiation(string genericType, ImmutableArray<string> typeArguments)
    {
        var name = WithoutArity(genericType);
        return name == "System.Nullable" && typeArguments.Length == 1
            ? typeArguments[0] + "?"
            : name + "<" + string.Join(", ", typeArguments) + ">";
    }

    public string GetGenericTypeParameter(GenericScope genericContext, int index) => genericContext.TypeParameters[index];

    public string GetGenericMethodParameter(GenericScope genericContext, int index) => genericContext.MethodParameters[index];

    /// <summary>The name of a type handle of any kind (definition, reference, specification).</summary>
    public string NameOf(MetadataReader reader, EntityHandle handle, GenericScope scope) => handle.Kind switch
    {
        HandleKind.TypeDefinition => GetTypeFromDefinition(reader, (TypeDefinitionHandle)handle, 0),
        HandleKind.TypeReference => GetTypeFromReference(reader, (TypeReferenceHandle)handle, 0),
        HandleKind.TypeSpecification => GetTypeFromSpecification(reader, scope, (TypeSpecificationHandle)handle, 0),
        _ => throw new NotSupportedException("Type handle of kind " + handle.Kind),
    };

    /// <summary>Namespace-qualified metadata name; nested types are joined with a dot, arity suffixes are kept.</summary>
    public static string RawName(MetadataReader reader, TypeDefinitionHandle handle)
    {
        var type = reader.GetTypeDefinition(handle);
        var declaring = type.GetDeclaringType();
        return declaring.IsNil
            ? Qualify(reader.GetString(type.Namespace), reader.GetString(type.Name))
            : RawName(reader, declaring) + "." + reader.GetString(type.Name);
    }

    public static string RawName(MetadataReader reader, TypeReferenceHandle handle)
    {
        var type = reader.GetTypeReference(handle);
        return type.ResolutionScope.Kind == HandleKind.TypeReference
            ? RawName(reader, (TypeReferenceHandle)type.ResolutionScope) + "." + reader.GetString(type.Name)
            : Qualify(reader.GetString(type.Namespace), reader.GetString(type.Name));
    }

    public static string WithoutArity(string name) => ArityPattern().Replace(name, string.Empty);

    private static string Keyword(string name) => Keywords.TryGetValue(name, out var keyword) ? keyword : name;

    private static string Qualify(string ns, string name) => ns.Length == 0 ? name : ns + "." + name;

    [GeneratedRegex("`[0-9]+")]
    private static partial Regex ArityPattern();
}
