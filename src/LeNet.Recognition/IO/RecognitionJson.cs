using System.Text.Json;
using System.Text.Json.Serialization;
using LeNet.Models;

namespace LeNet.IO;

/// <summary>
/// The JSON the reader itself parses (a model file's metadata), generated at build time so a trimmed app keeps
/// everything it needs. Same conventions as <see cref="Json.Options"/>.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(ModelMetadata))]
internal sealed partial class RecognitionJson : JsonSerializerContext;
