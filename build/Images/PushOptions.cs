using Build.Context;

namespace Build.Images;

/// <summary>Where Push pushes to and with which credentials.</summary>
public sealed record PushOptions(string? Registry, string? RegistryUsername, string? RegistryPassword, bool PasswordFromStandardInput)
{
    public static PushOptions From(BuildOptions options) =>
        new(options.Registry, options.RegistryUsername, options.RegistryPassword, options.PasswordFromStandardInput);
}
