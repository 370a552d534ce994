using System.Text.Json;
using System.Text.Json.Serialization;

namespace Build.Reporting;

/// <summary>
/// The report's JSON contract, generated at compile time: reflection-based serialization would cost the start of
/// every run (even a dry run writes its report) tens of milliseconds of JIT. Written only, never read back: the
/// serialization-only mode writes with generated code and builds no property metadata, which reads every member's
/// attributes at start (a few milliseconds of every warm dry run).
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    GenerationMode = JsonSourceGenerationMode.Serialization)]
[JsonSerializable(typeof(BuildReportDocument))]
internal sealed partial class BuildReportJson : JsonSerializerContext;
