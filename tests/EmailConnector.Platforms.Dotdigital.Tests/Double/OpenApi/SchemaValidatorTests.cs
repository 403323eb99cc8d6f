using System.Text.Json.Nodes;
using EmailConnector.Platforms.Dotdigital.Double.OpenApi;

namespace EmailConnector.Platforms.Dotdigital.Tests.Double.OpenApi;

public sealed class SchemaValidatorTests
{
    private static readonly JsonNode Document = JsonNode.Parse("""
        {"components":{"schemas":{
          "Base":{"type":"object","additionalProperties":false,"required":["name"],"properties":{"name":{"type":"string","minLength":1}}},
          "WithType":{"allOf":[{"$ref":"#/components/schemas/Base"},{"type":"object","additionalProperties":false,"properties":{"kind":{"type":"string","enum":["A","B"]}}}]},
          "Maybe":{"nullable":true,"oneOf":[{"$ref":"#/components/schemas/Base"}]},
          "Count":{"type":"integer","format":"int32","minimum":0}
        }}}
        """)!;

    private readonly SchemaValidator _validator = new(Document);

    [Fact]
    public void Validate_AllOfMembersWithoutAdditionalProperties_AcceptPropertiesDeclaredInAnyMember()
    {
        Assert.Empty(_validator.Validate(Ref("WithType"), JsonNode.Parse("""{"name":"n","kind":"A"}""")));
        Assert.Contains(_validator.Validate(Ref("WithType"), JsonNode.Parse("""{"name":"n","other":1}""")), p => p.Contains("'other' is not allowed", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_WrongValues_AreNamedWithTheirPath()
    {
        var problems = _validator.Validate(Ref("WithType"), JsonNode.Parse("""{"kind":"C"}"""));

        Assert.Contains(problems, p => p.Contains("required property 'name'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("$.kind", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_NullableOneOf_AcceptsNullAndRejectsNullElsewhere()
    {
        Assert.Empty(_validator.Validate(Ref("Maybe"), null));
        Assert.NotEmpty(_validator.Validate(Ref("Count"), null));
        Assert.NotEmpty(_validator.Validate(Ref("Count"), JsonValue.Create(-1)));
        Assert.NotEmpty(_validator.Validate(Ref("Count"), JsonValue.Create(1.5)));
    }

    [Fact]
    public void Validate_UnsupportedKeyword_FailsLoudly()
    {
        var schema = JsonNode.Parse("""{"type":"object","discriminator":{"propertyName":"kind"}}""");

        Assert.Throws<NotSupportedException>(() => _validator.Validate(schema, new JsonObject()));
    }

    [Fact]
    public void FormatHolds_UnknownFormat_FailsLoudly() =>
        Assert.Throws<NotSupportedException>(() => SchemaValidator.FormatHolds("hostname", "x"));

    private static JsonObject Ref(string name) => new() { ["$ref"] = "#/components/schemas/" + name };
}
