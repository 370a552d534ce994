namespace Build.Tools.Poetry;

/// <summary>Where and how Poetry runs in a builder image.</summary>
/// <param name="Image">The builder image (its Poetry is the one that runs).</param>
/// <param name="ProjectDirectory">The project folder, Poetry's working directory, at the same path inside.</param>
/// <param name="Mounts">Folders bound at their own paths: the project and its path dependencies.</param>
/// <param name="PassedVariables">
/// Variables handed from the build's environment by name only (<c>--env NAME</c>): the index credentials never appear
/// on the command line, which is printed and recorded.
/// </param>
public sealed record PoetryContainerSettings(
    string Image,
    string ProjectDirectory,
    IReadOnlyList<string> Mounts,
    IReadOnlyList<string> PassedVariables);
