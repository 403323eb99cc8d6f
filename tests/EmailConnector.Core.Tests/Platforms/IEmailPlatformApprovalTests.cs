using System.Reflection;
using System.Text;
using EmailConnector.Core.Platforms;
using EmailConnector.Testing;

namespace EmailConnector.Core.Tests.Platforms;

/// <summary>
/// The platform contract must not drift by accident: every adapter implements it. This renders the public surface of
/// EmailConnector.Core.Platforms and compares it with the reviewed IEmailPlatform.approved.txt. A deliberate change
/// updates that file (the failure message writes the new text beside it as .received.txt).
/// </summary>
public sealed class IEmailPlatformApprovalTests
{
    [Fact]
    public void PublicSurface_OfTheContract_MatchesTheApprovedText()
    {
        var approvedPath = Path.Combine(RepositoryPaths.Root, "tests", "EmailConnector.Core.Tests", "Platforms", "IEmailPlatform.approved.txt");
        var received = Render();

        var approved = File.Exists(approvedPath) ? File.ReadAllText(approvedPath).ReplaceLineEndings("\n") : string.Empty;
        if (approved != received)
            File.WriteAllText(approvedPath.Replace(".approved.txt", ".received.txt", StringComparison.Ordinal), received);

        Assert.Equal(approved, received);
    }

    private static string Render()
    {
        var types = typeof(IEmailPlatform).Assembly.GetExportedTypes()
            .Where(t => t.Namespace == typeof(IEmailPlatform).Namespace)
            .OrderBy(t => t.Name, StringComparer.Ordinal);
        var text = new StringBuilder();
        foreach (var type in types)
        {
            text.Append(Kind(type)).Append(' ').Append(type.Name);
            if (type.BaseType is { } baseType && baseType != typeof(object) && baseType != typeof(Enum) && baseType != typeof(ValueType))
                text.Append(" : ").Append(Name(baseType));
            text.Append('\n');
            if (type.IsEnum)
            {
                foreach (var name in Enum.GetNames(type))
                    text.Append("  ").Append(name).Append(" = ").Append(Convert.ToInt64(Enum.Parse(type, name), System.Globalization.CultureInfo.InvariantCulture)).Append('\n');
                continue;
            }
            const BindingFlags flags = BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
            foreach (var property in type.GetProperties(flags).Where(p => p.Name != "EqualityContract").OrderBy(p => p.Name, StringComparer.Ordinal))
                text.Append("  ").Append(Name(property.PropertyType)).Append(' ').Append(property.Name).Append(property.SetMethod?.IsPublic == true ? " { get; init; }" : " { get; }").Append('\n');
            foreach (var method in type.GetMethods(flags).Where(m => !m.IsSpecialName && !IsRecordPlumbing(m)).OrderBy(m => m.ToString(), StringComparer.Ordinal))
            {
                text.Append("  ").Append(method.IsStatic ? "static " : string.Empty).Append(Name(method.ReturnType)).Append(' ').Append(method.Name).Append('(')
                    .Append(string.Join(", ", method.GetParameters().Select(p => Name(p.ParameterType) + " " + p.Name))).Append(")\n");
            }
        }
        return text.ToString();
    }

    private static bool IsRecordPlumbing(MethodInfo method) =>
        method.Name is "Equals" or "GetHashCode" or "ToString" or "PrintMembers" or "Deconstruct" or "<Clone>$";

    private static string Kind(Type type) =>
        type.IsInterface ? "interface" : type.IsEnum ? "enum" : type.IsValueType ? "struct" :
        type.GetMethod("<Clone>$") is not null ? "record" : type.IsAbstract ? "abstract class" : "class";

    private static string Name(Type type)
    {
        var nullable = Nullable.GetUnderlyingType(type);
        if (nullable is not null)
            return Name(nullable) + "?";
        if (!type.IsGenericType)
            return type.Name;
        var name = type.Name[..type.Name.IndexOf('`')];
        return name + "<" + string.Join(", ", type.GetGenericArguments().Select(Name)) + ">";
    }
}
