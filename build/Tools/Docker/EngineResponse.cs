using System.Text.Json.Serialization.Metadata;
using Build.Tools.Docker.Documents;

namespace Build.Tools.Docker;

/// <summary>An engine's HTTP answer: status code and body.</summary>
public sealed record EngineResponse(int Status, string Body)
{
    /// <summary>The body as a document of type <typeparamref name="T"/>; null when it is not one.</summary>
    public T? Read<T>(JsonTypeInfo<T> type) where T : class => EngineJson.Read(Body, type);

    /// <summary>The engine's message of an error answer (<c>{"message":…}</c>), else the body's text.</summary>
    public string Message => Read(EngineJson.Default.ErrorDocument)?.Message ?? Body.Trim();
}
