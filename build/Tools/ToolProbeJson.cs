using System.Text.Json.Serialization;

namespace Build.Tools;

/// <summary>Reads and writes .build/tool-probes.json with code generated at compile time (AOT-safe).</summary>
[JsonSerializable(typeof(ToolProbeDocument))]
internal sealed partial class ToolProbeJson : JsonSerializerContext;
