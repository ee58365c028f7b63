using System.Text.Json;
using System.Text.Json.Serialization;

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
    public static byte[] ToBytes<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, Options);

    /// <summary>Deserialises, turning malformed content into a message that names the file.</summary>
    public static T FromBytes<T>(byte[] bytes, string path, string what)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(bytes, Options)
                ?? throw new LeNetException($"{path}: the {what} is empty");
        }
        catch (JsonException e)
        {
            throw new LeNetException($"{path}: the {what} is not valid ({e.Message})", e);
        }
    }
}
