using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace LeNet.IO;

/// <summary>The JSON settings of every file this system writes: camelCase, enums as names, indented.</summary>
public static class Json
{
    /// <summary>Shared, immutable serializer options.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>Serialises to UTF-8 bytes.</summary>
    [RequiresUnreferencedCode("Serialises by reflection; trimmed readers use RecognitionJson.")]
    [RequiresDynamicCode("Serialises by reflection; trimmed readers use RecognitionJson.")]
    public static byte[] ToBytes<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, Options);

    /// <summary>Deserialises, turning malformed content into a message that names the file.</summary>
    [RequiresUnreferencedCode("Deserialises by reflection; trimmed readers use the overload taking type information.")]
    [RequiresDynamicCode("Deserialises by reflection; trimmed readers use the overload taking type information.")]
    public static T FromBytes<T>(byte[] bytes, string path, string what) =>
        Checked(() => JsonSerializer.Deserialize<T>(bytes, Options), path, what);

    /// <summary>Deserialises with build-time type information, turning malformed content into a message that names the file.</summary>
    public static T FromBytes<T>(byte[] bytes, string path, string what, JsonTypeInfo<T> type) =>
        Checked(() => JsonSerializer.Deserialize(bytes, type), path, what);

    private static T Checked<T>(Func<T?> deserialize, string path, string what)
    {
        try
        {
            return deserialize() ?? throw new LeNetException($"{path}: the {what} is empty");
        }
        catch (JsonException e)
        {
            throw new LeNetException($"{path}: the {what} is not valid ({e.Message})", e);
        }
    }
}
