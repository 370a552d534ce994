namespace Build.Tools.Docker;

/// <summary>
/// Which engine the build starts when none answers (<c>--project-engine</c>, env <c>BRIDGE_PROJECT_ENGINE</c>):
/// Docker Engine 26 from Debian 13's packages with the containerd image store (what users run today), or the host's
/// Debian 12 dockerd 20.10.
/// </summary>
public enum ProjectEngineKind
{
    Debian13,
    Debian12,
}
