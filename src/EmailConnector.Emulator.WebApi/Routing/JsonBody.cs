using System.Text.Json;

namespace EmailConnector.Emulator.WebApi.Routing;

/// <summary>Builds JSON response bodies with Utf8JsonWriter.</summary>
internal static class JsonBody
{
    public static byte[] Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            write(writer);
        return buffer.WrittenSpan.ToArray();
    }
}
