using System.Text.Json;
using System.Text.Json.Serialization;

namespace Build.Reporting;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(List<ImageOutput>))]
internal sealed partial class GitHubOutputsJson : JsonSerializerContext;
