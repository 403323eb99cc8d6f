using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace EmailConnector.Platforms.Dotdigital.Double.OpenApi;

/// <summary>
/// The vendor's OpenAPI files (read from wherever they are, never copied): finds the operation of a request and checks
/// its parameters, its body and the answer against it. Only the documents that describe what the double serves are
/// loaded: the generated v2 description and the v3 Contacts service.
/// </summary>
public sealed class OpenApiContract
{
    /// <summary>The files the double is checked against, relative to the Dotdigital reference folder.</summary>
    public static readonly IReadOnlyList<string> Files = ["dotdigital-v2-api-swagger.json", "dotdigital-contacts-service.json"];

    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch"];
    private readonly List<Operation> _operations = [];

    public OpenApiContract(string directory)
    {
        foreach (var file in Files)
        {
            var document = JsonNode.Parse(File.ReadAllText(Path.Combine(directory, file)))
                ?? throw new InvalidOperationException($"{file} is empty.");
            var validator = new SchemaValidator(document);
            foreach (var (path, item) in document["paths"]!.AsObject())
            {
                foreach (var method in Methods)
                {
                    if (item![method] is JsonObject operation)
                        _operations.Add(new Operation(method.ToUpperInvariant(), path, Template(path), operation, validator));
                }
            }
        }
    }

    /// <summary>The operation for a request, preferring the template with the most literal segments.</summary>
    public Operation? Find(string method, string path) =>
        _operations
            .Where(o => o.Method == method && o.Pattern.IsMatch(path))
            .OrderByDescending(o => o.LiteralSegments)
            .ThenBy(o => o.Path, StringComparer.Ordinal)
            .FirstOrDefault();

    private static Regex Template(string path)
    {
        var segments = path.Split('/').Select(segment =>
            segment.StartsWith('{') && segment.EndsWith('}') ? $"(?<{GroupName(segment[1..^1])}>[^/]+)" : Regex.Escape(segment));
        return new Regex("^" + string.Join('/', segments) + "$", RegexOptions.CultureInvariant);
    }

    internal static string GroupName(string parameter) => "p_" + Regex.Replace(parameter, "[^A-Za-z0-9]", "_");

    public sealed class Operation
    {
        internal Operation(string method, string path, Regex pattern, JsonObject definition, SchemaValidator validator)
        {
            Method = method;
            Path = path;
            Pattern = pattern;
            Definition = definition;
            Validator = validator;
            LiteralSegments = path.Split('/').Count(s => s.Length > 0 && !s.StartsWith('{'));
        }

        public string Method { get; }

        public string Path { get; }

        public override string ToString() => $"{Method} {Path}";

        internal Regex Pattern { get; }

        internal JsonObject Definition { get; }

        internal SchemaValidator Validator { get; }

        internal int LiteralSegments { get; }

        /// <summary>Checks path and query parameters and the JSON body.</summary>
        public List<string> CheckRequest(string path, IReadOnlyDictionary<string, string> query, string? contentType, string body)
        {
            var problems = new List<string>();
            var match = Pattern.Match(path);
            foreach (var parameter in Definition["parameters"]?.AsArray() ?? [])
            {
                var name = parameter!["name"]!.GetValue<string>();
                var location = parameter["in"]!.GetValue<string>();
                var schema = parameter["schema"];
                string? raw = location switch
                {
                    "path" => match.Groups[GroupName(name)] is { Success: true } g ? Uri.UnescapeDataString(g.Value) : null,
                    "query" => query.TryGetValue(name, out var q) ? q : null,
                    _ => null, // headers (the partner token) are optional and never sent by the adapter
                };
                if (raw is null)
                {
                    if (parameter["required"]?.GetValue<bool>() == true && location != "header")
                        problems.Add($"parameter '{name}' ({location}) missing");
                    continue;
                }
                problems.AddRange(CheckParameter(name, schema, raw, parameter["style"]?.GetValue<string>()));
            }
            foreach (var name in query.Keys)
            {
                if (!(Definition["parameters"]?.AsArray() ?? []).Any(p => p!["in"]!.GetValue<string>() == "query" && p["name"]!.GetValue<string>() == name))
                    problems.Add($"query parameter '{name}' is not declared");
            }

            var requestBody = Definition["requestBody"];
            if (requestBody is null)
            {
                if (body.Length > 0)
                    problems.Add("a body was sent to an operation that takes none");
                return problems;
            }
            if (body.Length == 0)
            {
                if (requestBody["required"]?.GetValue<bool>() == true)
                    problems.Add("the required body is missing");
                return problems;
            }
            var media = requestBody["content"]?["application/json"];
            if (media is null || contentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) != true)
            {
                problems.Add($"body of type '{contentType}' is not one the operation declares");
                return problems;
            }
            problems.AddRange(CheckJson(media["schema"], body, "body"));
            return problems;
        }

        /// <summary>Checks an answer: a 2xx status must be declared; a declared status with a schema must match it.</summary>
        public List<string> CheckResponse(int status, string? contentType, string body)
        {
            var problems = new List<string>();
            var responses = Definition["responses"]!.AsObject();
            var declared = responses[status.ToString(CultureInfo.InvariantCulture)] ?? responses["default"];
            if (declared is null)
            {
                if (status is >= 200 and < 300)
                    problems.Add($"status {status} is not declared");
                return problems; // error answers outside the files (401, 429, v2 errors) are documented only in prose
            }
            var schema = declared["content"]?["application/json"]?["schema"];
            if (schema is null)
            {
                if (body.Length > 0 && status is >= 200 and < 300)
                    problems.Add($"status {status} declares no body but one was returned");
                return problems;
            }
            if (contentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) != true)
            {
                problems.Add($"status {status} answered with content type '{contentType}', not JSON");
                return problems;
            }
            problems.AddRange(CheckJson(schema, body, "body"));
            return problems;
        }

        private List<string> CheckJson(JsonNode? schema, string body, string root)
        {
            JsonNode? node;
            try
            {
                node = JsonNode.Parse(body);
            }
            catch (System.Text.Json.JsonException e)
            {
                return [$"{root} is not JSON: {e.Message}"];
            }
            return Validator.Validate(schema, node, root);
        }

        private List<string> CheckParameter(string name, JsonNode? schema, string raw, string? style)
        {
            if (schema is null)
                return [];
            var type = schema["type"]?.GetValue<string>();
            JsonNode? value = type switch
            {
                "integer" or "number" => decimal.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? JsonValue.Create(number) : null,
                "boolean" => bool.TryParse(raw, out var flag) ? JsonValue.Create(flag) : null,
                "array" => new JsonArray(raw.Split(style == "pipeDelimited" ? '|' : ',').Select(v => (JsonNode?)JsonValue.Create(v)).ToArray()),
                _ => JsonValue.Create(raw),
            };
            if (value is null)
                return [$"parameter '{name}' = '{raw}' is not a {type}"];
            return Validator.Validate(schema, value, $"parameter '{name}'");
        }
    }
}
