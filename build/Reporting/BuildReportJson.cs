using System.Text.Json;
using System.Text.Json.Serialization;

namespace Build.Reporting;

/// <summary>
/// The report's JSON contract, generated at compile time: reflection-based serialization would cost the start of
/// every run (even a dry run writes its report) tens of milliseconds of JIT.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(BuildReportDocument))]
internal sealed partial class BuildReportJson : JsonSerializerContext;
