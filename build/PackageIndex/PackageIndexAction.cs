namespace Build.PackageIndex;

/// <summary>What the run does about the package index before it locks or builds.</summary>
public enum PackageIndexAction
{
    /// <summary>Nothing to do: no index, or it answers and the credentials are in the environment.</summary>
    None,

    /// <summary>Run the project's scripts/package-index.sh up: it starts the index if needed and prints the credentials.</summary>
    StartProjectIndex,

    /// <summary>A team's own index that does not answer: said now, the build fails where it needs the index.</summary>
    WarnNotReachable,

    /// <summary>--no-install and the project's index does not answer: nothing may be started, so the run stops.</summary>
    FailNotReachable,
}
