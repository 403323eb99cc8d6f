using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace EmailConnector.Dataverse.Rows;

[JsonSerializable(typeof(JsonNode))]
[JsonSerializable(typeof(JsonObject))]
internal sealed partial class RowJsonContext : JsonSerializerContext;
