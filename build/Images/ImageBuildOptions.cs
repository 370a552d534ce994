using Build.PackageIndex;
using Cake.Core.IO;

namespace Build.Images;

/// <summary>
/// What shapes the builds of a run apart from the image: the docker build switches, --force, the repository, and the
/// package index the Dockerfiles install from (its credentials become build secrets).
/// </summary>
public sealed record ImageBuildOptions(BuildOptionsView Build, bool Force, DirectoryPath RepositoryRoot, PackageIndexSource? Index = null);
