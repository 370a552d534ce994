namespace Build.Context;

/// <summary>
/// Lists the services of a compose file without a YAML library: the keys indented one level under the top-level
/// <c>services:</c> key. Enough for validating --scale; compose itself remains the judge of the file.
/// </summary>
public static class ComposeFileServices
{
    public static IReadOnlyList<string> Read(string path)
    {
        var services = new List<string>();
        var inServices = false;
        int? serviceIndent = null;
        foreach (var rawLine in File.ReadLines(path))
        {
            var line = rawLine.TrimEnd();
            var content = line.TrimStart();
            if (content.Length == 0 || content.StartsWith('#'))
            {
                continue;
            }

            var indent = line.Length - content.Length;
            if (indent == 0)
            {
                inServices = content.StartsWith("services:", StringComparison.Ordinal);
                serviceIndent = null;
                continue;
            }

            if (!inServices)
            {
                continue;
            }

            serviceIndent ??= indent;
            if (indent == serviceIndent && content.EndsWith(':'))
            {
                services.Add(content[..^1].Trim('"', '\''));
            }
        }

        return services;
    }
}
