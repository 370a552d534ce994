using System.Text.RegularExpressions;

namespace Build.Images.Digest;

/// <summary>One cleaned .dockerignore line: `!` lines are exceptions that put paths back.</summary>
public sealed record IgnorePattern(string Text, bool Exception, Regex Regex);
