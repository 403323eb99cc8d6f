using System.Text.Json;
using EmailConnector.Plugins.Infrastructure;

namespace EmailConnector.Plugins.Tests.Infrastructure;

public class JsonTextTests
{
    [Fact]
    public void Write_NestedObjectsAndArrays_IsValidJsonInCallOrder()
    {
        var text = new JsonText().BeginArray()
            .BeginObject().Property("name", "Spring \"VIP\"\n\u0001").Property("count", 3).Property("isDynamic", false).BeginObject("excluded").Property("noAddress", 1).EndObject().EndObject()
            .BeginObject().Property("name", (string?)null).EndObject()
            .EndArray().ToString();

        Assert.Equal("[{\"name\":\"Spring \\\"VIP\\\"\\n\\u0001\",\"count\":3,\"isDynamic\":false,\"excluded\":{\"noAddress\":1}},{\"name\":null}]", text);
        using var parsed = JsonDocument.Parse(text);
        Assert.Equal("Spring \"VIP\"\n\u0001", parsed.RootElement[0].GetProperty("name").GetString());
    }
}
