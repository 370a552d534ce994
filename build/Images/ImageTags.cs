using System.Text;

namespace Build.Images;

/// <summary>Docker's tag rules: 1–128 characters of [A-Za-z0-9_.-], not starting with '.' or '-'.</summary>
public static class ImageTags
{
    public const int MaximumLength = 128;

    public static bool IsValid(string tag) =>
        tag.Length is > 0 and <= MaximumLength
        && tag[0] is not ('.' or '-')
        && tag.All(c => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_' or '.' or '-');

    /// <summary>
    /// A branch name as a tag: lower case, every run of other characters (feature/Login → feature-login) as one
    /// '-', no leading '.'/'-', at most 128 characters. Null when nothing usable is left.
    /// </summary>
    public static string? FromBranch(string branch)
    {
        var builder = new StringBuilder(branch.Length);
        foreach (var c in branch.ToLowerInvariant())
        {
            var keep = c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_' or '.' or '-';
            if (keep)
            {
                builder.Append(c);
            }
            else if (builder.Length > 0 && builder[^1] != '-')
            {
                builder.Append('-');
            }
        }

        var tag = builder.ToString().TrimStart('.', '-');
        if (tag.Length > MaximumLength)
        {
            tag = tag[..MaximumLength];
        }

        tag = tag.TrimEnd('-', '.');
        return tag.Length == 0 ? null : tag;
    }
}
