using System.Text;
using System.Text.Json;

namespace Build.Reporting;

/// <summary>
/// The step outputs appended to $GITHUB_OUTPUT: <c>images</c> (JSON), <c>version</c>, <c>sha</c>. Every value uses the
/// heredoc form (<c>name&lt;&lt;DELIMITER</c>, the value, <c>DELIMITER</c>), which is safe for multi-line values; the
/// delimiter is random so no value can end it early.
/// </summary>
public static class GitHubOutputs
{
    public static IReadOnlyDictionary<string, string> From(BuildReportDocument report) => new SortedDictionary<string, string>(StringComparer.Ordinal)
    {
        ["images"] = ImagesJson(report),
        ["version"] = report.Version ?? "",
        ["sha"] = report.Sha ?? "",
    };

    /// <summary>The images as a JSON array: name, service, flavour, repository, tags, digest, sizeBytes, status.</summary>
    public static string ImagesJson(BuildReportDocument report) =>
        JsonSerializer.Serialize(
            report.Images.Select(image => new ImageOutput(
                image.Name, image.Service, image.Flavour, image.Repository, image.Tags, image.Digest, image.SizeBytes, image.Status)).ToList(),
            GitHubOutputsJson.Default.ListImageOutput);

    public static string Format(IReadOnlyDictionary<string, string> outputs, string delimiter)
    {
        var text = new StringBuilder();
        foreach (var (name, value) in outputs)
        {
            if (value.Contains(delimiter, StringComparison.Ordinal))
            {
                throw new ArgumentException($"The value of {name} contains the delimiter.", nameof(outputs));
            }

            text.Append(name).Append("<<").Append(delimiter).Append('\n').Append(value).Append('\n').Append(delimiter).Append('\n');
        }

        return text.ToString();
    }

    public static string NewDelimiter() => $"ghadelimiter_{Guid.NewGuid():N}";
}
