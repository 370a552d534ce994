namespace Build.Verification;

/// <summary>One broken rule of one image.</summary>
public sealed record Violation(string Reference, string Rule, string Message)
{
    public override string ToString() => $"{Reference}: {Message}";
}
