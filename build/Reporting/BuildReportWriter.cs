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

/// <summary>Writes the report as JSON (camelCase, indented), through a temp file and a rename.</summary>
public static class BuildReportWriter
{
    public static JsonSerializerOptions Json => BuildReportJson.Default.Options;

    public static string Serialize(BuildReportDocument report) => JsonSerializer.Serialize(report, BuildReportJson.Default.BuildReportDocument);

    /// <summary>
    /// Writes <paramref name="report"/> to <paramref name="path"/> atomically: a reader sees the old report or the new
    /// one, never half of one, and a crash leaves no partial file behind under the final name.
    /// </summary>
    public static void Write(string path, BuildReportDocument report)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            File.WriteAllText(temporary, Serialize(report) + "\n");
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }
}
