using System.Collections.Immutable;
using System.Globalization;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text;

namespace EmailConnector.Xrm.Sdk.Tests.Surface;

/// <summary>
/// Renders the public surface of a built assembly file in the line format of shared/reference/xrm-sdk/*.surface.txt.
/// Reads metadata only (System.Reflection.Metadata), so the net462 build can be read from the net10.0 test process
/// and nothing has to be resolved or loaded.
/// </summary>
/// <remarks>
/// Conventions taken from the listings: protected internal counts as protected (a plugin sees it that way); interface
/// members carry only <c>public</c>; a protected accessor is written <c>protected get;</c> even when the property
/// itself is protected; generic method constraints follow the semicolon (<c>; where T : X</c>); interfaces are the
/// ones the type itself declares (as the compiler emits them), sorted; type attributes are rendered only for the kinds
/// the listings record.
/// </remarks>
internal static class MetadataSurfaceReader
{
    /// <summary>The attribute kinds the listings show on type headers; others (compiler-generated, security) are not listed.</summary>
    public static readonly IReadOnlySet<string> ListedAttributeTypes = new HashSet<string>(StringComparer.Ordinal)
    {
        "System.Runtime.Serialization.DataContractAttribute",
        "System.Runtime.Serialization.CollectionDataContractAttribute",
        "System.Runtime.Serialization.KnownTypeAttribute",
        "System.Reflection.DefaultMemberAttribute",
        "System.FlagsAttribute",
    };

    public static SurfaceListing Read(string assemblyPath)
    {
        using var stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        var reader = pe.GetMetadataReader();

        var types = new List<SurfaceType>();
        foreach (var handle in reader.TypeDefinitions)
        {
            if (IsVisible(reader, handle))
                types.Add(new TypeRenderer(reader, handle).Render());
        }

        var forwarded = new List<string>();
        foreach (var handle in reader.ExportedTypes)
        {
            var exported = reader.GetExportedType(handle);
            if (!exported.IsForwarder)
                continue;
            var target = exported.Implementation.Kind == HandleKind.AssemblyReference
                ? reader.GetString(reader.GetAssemblyReference((AssemblyReferenceHandle)exported.Implementation).Name)
                : "?";
            forwarded.Add($"{reader.GetString(exported.Namespace)}.{reader.GetString(exported.Name)} -> {target}");
        }

        var name = reader.GetString(reader.GetAssemblyDefinition().Name);
        return new SurfaceListing(name, types, forwarded);
    }

    private static bool IsVisible(MetadataReader reader, TypeDefinitionHandle handle)
    {
        var type = reader.GetTypeDefinition(handle);
        return (type.Attributes & TypeAttributes.VisibilityMask) switch
        {
            TypeAttributes.Public => true,
            TypeAttributes.NestedPublic or TypeAttributes.NestedFamily or TypeAttributes.NestedFamORAssem => IsVisible(reader, type.GetDeclaringType()),
            _ => false,
        };
    }

    private sealed class TypeRenderer
    {
        private readonly MetadataReader _reader;
        private readonly TypeDefinitionHandle _handle;
        private readonly TypeDefinition _type;
        private readonly GenericScope _scope;
        private readonly TypeNameProvider _names = TypeNameProvider.Instance;
        private readonly string _kind;

        public TypeRenderer(MetadataReader reader, TypeDefinitionHandle handle)
        {
            _reader = reader;
            _handle = handle;
            _type = reader.GetTypeDefinition(handle);
            _scope = new GenericScope(_type.GetGenericParameters().Select(p => reader.GetString(reader.GetGenericParameter(p).Name)).ToImmutableArray(), []);
            _kind = KindOf();
        }

        public SurfaceType Render()
        {
            var members = new List<string>();
            var accessors = new HashSet<MethodDefinitionHandle>();

            foreach (var handle in _type.GetProperties())
            {
                var property = _reader.GetPropertyDefinition(handle);
                var pair = property.GetAccessors();
                accessors.Add(pair.Getter);
                accessors.Add(pair.Setter);
                foreach (var other in pair.Others)
                    accessors.Add(other);
                if (RenderProperty(property, pair) is { } line)
                    members.Add(line);
            }
            foreach (var handle in _type.GetEvents())
            {
                var @event = _reader.GetEventDefinition(handle);
                var pair = @event.GetAccessors();
                accessors.Add(pair.Adder);
                accessors.Add(pair.Remover);
                accessors.Add(pair.Raiser);
                if (RenderEvent(@event, pair) is { } line)
                    members.Add(line);
            }
            foreach (var handle in _type.GetMethods())
            {
                if (!accessors.Contains(handle) && RenderMethod(handle) is { } line)
                    members.Add(line);
            }
            foreach (var handle in _type.GetFields())
            {
                if (RenderField(handle) is { } line)
                    members.Add(line);
            }

            return new SurfaceType(RenderAttributes(), Declaration(), BaseTypes(), RenderConstraints(_type.GetGenericParameters(), _scope, skipInherited: true), members);
        }

        private string KindOf()
        {
            if ((_type.Attributes & TypeAttributes.ClassSemanticsMask) == TypeAttributes.Interface)
                return "interface";
            var baseName = _type.BaseType.IsNil ? string.Empty : _names.NameOf(_reader, _type.BaseType, _scope);
            var own = TypeNameProvider.RawName(_reader, _handle);
            return baseName switch
            {
                "System.Enum" => "enum",
                "System.ValueType" when own != "System.Enum" => "struct",
                _ => "class",
            };
        }

        private string Declaration()
        {
            var text = new StringBuilder(TypeAccess());
            if (_kind == "class")
            {
                var abstractFlag = (_type.Attributes & TypeAttributes.Abstract) != 0;
                var sealedFlag = (_type.Attributes & TypeAttributes.Sealed) != 0;
                text.Append(abstractFlag && sealedFlag ? " static" : abstractFlag ? " abstract" : sealedFlag ? " sealed" : string.Empty);
            }
            text.Append(' ').Append(_kind).Append(' ').Append(FullName());
            return text.ToString();
        }

        private string TypeAccess() => (_type.Attributes & TypeAttributes.VisibilityMask) switch
        {
            TypeAttributes.Public or TypeAttributes.NestedPublic => "public",
            _ => "protected",
        };

        private string FullName()
        {
            var name = TypeNameProvider.WithoutArity(TypeNameProvider.RawName(_reader, _handle));
            var declaring = _type.GetDeclaringType();
            var inherited = declaring.IsNil ? 0 : _reader.GetTypeDefinition(declaring).GetGenericParameters().Count;
            var own = _scope.TypeParameters.Skip(inherited).ToList();
            return own.Count == 0 ? name : name + "<" + string.Join(", ", own) + ">";
        }

        private List<string> BaseTypes()
        {
            var result = new List<string>();
            if (_kind == "enum")
            {
                var valueField = _type.GetFields().Select(_reader.GetFieldDefinition)
                    .First(f => (f.Attributes & FieldAttributes.Static) == 0);
                result.Add(valueField.DecodeSignature(_names, _scope));
                return result;
            }
            if (_kind == "class" && !_type.BaseType.IsNil)
            {
                var baseName = _names.NameOf(_reader, _type.BaseType, _scope);
                if (baseName != "object")
                    result.Add(baseName);
            }
            var interfaces = new List<string>();
            foreach (var handle in _type.GetInterfaceImplementations())
            {
                var implemented = _reader.GetInterfaceImplementation(handle).Interface;
                // Our own internal interfaces are no part of the surface a plugin binds to.
                if (implemented.Kind == HandleKind.TypeDefinition && !IsVisible(_reader, (TypeDefinitionHandle)implemented))
                    continue;
                interfaces.Add(_names.NameOf(_reader, implemented, _scope));
            }
            interfaces.Sort(StringComparer.Ordinal);
            result.AddRange(interfaces);
            return result;
        }

        private List<string> RenderAttributes()
        {
            var result = new List<string>();
            foreach (var handle in _type.GetCustomAttributes())
            {
                var attribute = _reader.GetCustomAttribute(handle);
                var typeName = AttributeTypeName(attribute);
                if (!ListedAttributeTypes.Contains(typeName))
                    continue;
                var value = attribute.DecodeValue(AttributeArgumentProvider.Instance);
                var arguments = value.FixedArguments.Select(a => Argument(a.Type, a.Value))
                    .Concat(value.NamedArguments.Select(a => a.Name + "=" + Argument(a.Type, a.Value)));
                var shortName = typeName[(typeName.LastIndexOf('.') + 1)..];
                if (shortName.EndsWith("Attribute", StringComparison.Ordinal))
                    shortName = shortName[..^"Attribute".Length];
                result.Add("[" + shortName + "(" + string.Join(", ", arguments) + ")]");
            }
            result.Sort(StringComparer.Ordinal);
            return result;
        }

        private static string Argument(string type, object? value) => "(" + type + ")" + value switch
        {
            null => "null",
            bool b => b ? "True" : "False",
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString(),
        };

        private string AttributeTypeName(CustomAttribute attribute)
        {
            var type = attribute.Constructor.Kind switch
            {
                HandleKind.MemberReference => _reader.GetMemberReference((MemberReferenceHandle)attribute.Constructor).Parent,
                HandleKind.MethodDefinition => _reader.GetMethodDefinition((MethodDefinitionHandle)attribute.Constructor).GetDeclaringType(),
                _ => default(EntityHandle),
            };
            return type.Kind switch
            {
                HandleKind.TypeReference => TypeNameProvider.RawName(_reader, (TypeReferenceHandle)type),
                HandleKind.TypeDefinition => TypeNameProvider.RawName(_reader, (TypeDefinitionHandle)type),
                _ => string.Empty,
            };
        }

        private bool HasAttribute(CustomAttributeHandleCollection attributes, string typeName) =>
            attributes.Any(h => AttributeTypeName(_reader.GetCustomAttribute(h)) == typeName);

        private string? RenderField(FieldDefinitionHandle handle)
        {
            var field = _reader.GetFieldDefinition(handle);
            if ((field.Attributes & FieldAttributes.RTSpecialName) != 0 || MemberAccess(field.Attributes) is not { } access)
                return null;
            var name = _reader.GetString(field.Name);
            var literal = (field.Attributes & FieldAttributes.Literal) != 0;
            if (_kind == "enum" && literal)
                return name + " = " + Constant(field.GetDefaultValue(), asNumber: true);

            var type = field.DecodeSignature(_names, _scope);
            if (literal)
                return $"{access} const {type} {name} = {Constant(field.GetDefaultValue(), asNumber: false)};";
            var modifiers = ((field.Attributes & FieldAttributes.Static) != 0 ? " static" : string.Empty)
                + ((field.Attributes & FieldAttributes.InitOnly) != 0 ? " readonly" : string.Empty);
            return $"{access}{modifiers} {type} {name};";
        }

        private string Constant(ConstantHandle handle, bool asNumber)
        {
            var constant = _reader.GetConstant(handle);
            var blob = _reader.GetBlobReader(constant.Value);
            var value = blob.ReadConstant(constant.TypeCode);
            return value switch
            {
                null => "null",
                string s when !asNumber => "\"" + s + "\"",
                bool b => b ? "true" : "false",
                char c when !asNumber => "'" + c + "'",
                char c => ((int)c).ToString(CultureInfo.InvariantCulture),
                double d => d.ToString("R", CultureInfo.InvariantCulture),
                float f => f.ToString("R", CultureInfo.InvariantCulture),
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                _ => value.ToString() ?? string.Empty,
            };
        }

        private string? RenderMethod(MethodDefinitionHandle handle)
        {
            var method = _reader.GetMethodDefinition(handle);
            if (MemberAccess(method.Attributes) is not { } access)
                return null;
            var name = _reader.GetString(method.Name);
            if (name == ".cctor")
                return null;

            var genericParameters = method.GetGenericParameters();
            var scope = _scope with
            {
                MethodParameters = genericParameters.Select(p => _reader.GetString(_reader.GetGenericParameter(p).Name)).ToImmutableArray(),
            };
            var signature = method.DecodeSignature(_names, scope);
            var parameters = Parameters(method, signature.ParameterTypes, HasAttribute(method.GetCustomAttributes(), "System.Runtime.CompilerServices.ExtensionAttribute"));

            if (name == ".ctor")
                return $"{access} {ConstructorName()}({parameters});";

            var generic = scope.MethodParameters.Length == 0 ? string.Empty : "<" + string.Join(", ", scope.MethodParameters) + ">";
            var constraints = RenderConstraints(genericParameters, scope, skipInherited: false);
            return $"{access}{Modifiers(method.Attributes)} {ReturnType(signature.ReturnType)} {name}{generic}({parameters});"
                + (constraints.Length == 0 ? string.Empty : " " + constraints);
        }

        private string ConstructorName() => TypeNameProvider.WithoutArity(_reader.GetString(_type.Name));

        private static string ReturnType(string type) => type.EndsWith('&') ? "ref " + type[..^1] : type;

        private string? RenderProperty(PropertyDefinition property, PropertyAccessors pair)
        {
            var getter = pair.Getter.IsNil ? (MethodDefinition?)null : _reader.GetMethodDefinition(pair.Getter);
            var setter = pair.Setter.IsNil ? (MethodDefinition?)null : _reader.GetMethodDefinition(pair.Setter);
            var getAccess = getter is { } g ? MemberAccess(g.Attributes) : null;
            var setAccess = setter is { } s ? MemberAccess(s.Attributes) : null;
            if (getAccess is null && setAccess is null)
                return null;

            // The property reads as its most visible accessor; its modifiers come from that accessor.
            var main = getAccess == "public" || setAccess is null ? getter!.Value : getAccess is null || setAccess == "public" ? setter!.Value : getter!.Value;
            var access = MemberAccess(main.Attributes)!;

            var signature = property.DecodeSignature(_names, _scope);
            var name = _reader.GetString(property.Name);
            if (signature.ParameterTypes.Length > 0)
            {
                var source = getter ?? setter!.Value;
                name = "this[" + Parameters(source, signature.ParameterTypes, isExtension: false) + "]";
            }

            var accessors = new StringBuilder(" {");
            if (getAccess is not null)
                accessors.Append(' ').Append(getAccess == "public" ? string.Empty : getAccess + " ").Append("get;");
            if (setAccess is not null)
                accessors.Append(' ').Append(setAccess == "public" ? string.Empty : setAccess + " ").Append("set;");
            accessors.Append(" }");

            return $"{access}{Modifiers(main.Attributes)} {ReturnType(signature.ReturnType)} {name}{accessors}";
        }

        private string? RenderEvent(EventDefinition @event, EventAccessors pair)
        {
            if (pair.Adder.IsNil)
                return null;
            var adder = _reader.GetMethodDefinition(pair.Adder);
            if (MemberAccess(adder.Attributes) is not { } access)
                return null;
            var type = _names.NameOf(_reader, @event.Type, _scope);
            return $"{access}{Modifiers(adder.Attributes)} event {type} {_reader.GetString(@event.Name)};";
        }

        private string Parameters(MethodDefinition method, ImmutableArray<string> types, bool isExtension)
        {
            var byPosition = new Dictionary<int, Parameter>();
            foreach (var handle in method.GetParameters())
            {
                var parameter = _reader.GetParameter(handle);
                if (parameter.SequenceNumber > 0)
                    byPosition[parameter.SequenceNumber - 1] = parameter;
            }

            var rendered = new List<string>();
            for (var i = 0; i < types.Length; i++)
            {
                var type = types[i];
                var text = new StringBuilder();
                byPosition.TryGetValue(i, out var parameter);
                var known = byPosition.ContainsKey(i);
                if (i == 0 && isExtension)
                    text.Append("this ");
                if (known && HasAttribute(parameter.GetCustomAttributes(), "System.ParamArrayAttribute"))
                    text.Append("params ");
                if (type.EndsWith('&'))
                {
                    type = type[..^1];
                    var isOut = known && (parameter.Attributes & ParameterAttributes.Out) != 0 && (parameter.Attributes & ParameterAttributes.In) == 0;
                    var isIn = known && HasAttribute(parameter.GetCustomAttributes(), "System.Runtime.CompilerServices.IsReadOnlyAttribute");
                    text.Append(isOut ? "out " : isIn ? "in " : "ref ");
                }
                text.Append(type).Append(' ').Append(known ? _reader.GetString(parameter.Name) : "arg" + i.ToString(CultureInfo.InvariantCulture));
                rendered.Add(text.ToString());
            }
            return string.Join(", ", rendered);
        }

        private string Modifiers(MethodAttributes attributes)
        {
            if ((attributes & MethodAttributes.Static) != 0)
                return " static";
            // Interface members are abstract virtual by nature; the listings show them as plain "public".
            if (_kind == "interface")
                return string.Empty;
            var isVirtual = (attributes & MethodAttributes.Virtual) != 0;
            var isNewSlot = (attributes & MethodAttributes.NewSlot) != 0;
            if ((attributes & MethodAttributes.Abstract) != 0)
                return isNewSlot ? " abstract" : " abstract override";
            if (!isVirtual)
                return string.Empty;
            if ((attributes & MethodAttributes.Final) != 0)
                // final + newslot is an implicit interface implementation: not virtual in C#.
                return isNewSlot ? string.Empty : " sealed override";
            return isNewSlot ? " virtual" : " override";
        }

        private static string? MemberAccess(MethodAttributes attributes) => (attributes & MethodAttributes.MemberAccessMask) switch
        {
            MethodAttributes.Public => "public",
            MethodAttributes.Family or MethodAttributes.FamORAssem => "protected",
            _ => null,
        };

        private static string? MemberAccess(FieldAttributes attributes) => (attributes & FieldAttributes.FieldAccessMask) switch
        {
            FieldAttributes.Public => "public",
            FieldAttributes.Family or FieldAttributes.FamORAssem => "protected",
            _ => null,
        };

        private string RenderConstraints(GenericParameterHandleCollection parameters, GenericScope scope, bool skipInherited)
        {
            var skip = 0;
            if (skipInherited && !_type.GetDeclaringType().IsNil)
                skip = _reader.GetTypeDefinition(_type.GetDeclaringType()).GetGenericParameters().Count;

            var clauses = new List<string>();
            foreach (var handle in parameters.Skip(skip))
            {
                var parameter = _reader.GetGenericParameter(handle);
                var parts = new List<string>();
                var flags = parameter.Attributes & GenericParameterAttributes.SpecialConstraintMask;
                var isStruct = (flags & GenericParameterAttributes.NotNullableValueTypeConstraint) != 0;
                if ((flags & GenericParameterAttributes.ReferenceTypeConstraint) != 0)
                    parts.Add("class");
                if (isStruct)
                    parts.Add("struct");
                foreach (var constraintHandle in parameter.GetConstraints())
                {
                    var constraint = _names.NameOf(_reader, _reader.GetGenericParameterConstraint(constraintHandle).Type, scope);
                    if (!(isStruct && constraint == "System.ValueType"))
                        parts.Add(constraint);
                }
                if ((flags & GenericParameterAttributes.DefaultConstructorConstraint) != 0 && !isStruct)
                    parts.Add("new()");
                if (parts.Count > 0)
                    clauses.Add("where " + _reader.GetString(parameter.Name) + " : " + string.Join(", ", parts));
            }
            return string.Join(" ", clauses);
        }
    }

    /// <summary>Attribute argument types in the listings' spelling: CLR short names such as String, Type, Boolean.</summary>
    private sealed class AttributeArgumentProvider : ICustomAttributeTypeProvider<string>
    {
        public static readonly AttributeArgumentProvider Instance = new();

        public string GetPrimitiveType(PrimitiveTypeCode typeCode) => typeCode.ToString();
        public string GetSystemType() => "Type";
        public string GetSZArrayType(string elementType) => elementType + "[]";
        public string GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) => Short(TypeNameProvider.RawName(reader, handle));
        public string GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) => Short(TypeNameProvider.RawName(reader, handle));
        // Serialized names may be assembly-qualified; the listings show the full name only.
        public string GetTypeFromSerializedName(string name) => name.Split(',')[0].Trim();
        public PrimitiveTypeCode GetUnderlyingEnumType(string type) => throw new NotSupportedException("Enum-typed attribute argument of " + type);
        public bool IsSystemType(string type) => type == "Type";

        private static string Short(string name) => name == "System.Type" ? "Type" : name;
    }
}
