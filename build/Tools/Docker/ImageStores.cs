using Build.Tools.Docker.Documents;

namespace Build.Tools.Docker;

/// <summary>
/// Which image store an engine keeps its images in, from <c>GET /info</c>: the containerd store (Docker Engine 29's
/// default, and 26's with the containerd-snapshotter feature) names its snapshotter as the storage driver's
/// <c>driver-type</c>; the classic store (overlay2 and friends) does not. Image ids differ between the two (a manifest
/// digest in the containerd store, where an image can be an index with attestation manifests).
/// </summary>
public static class ImageStores
{
    public const string Containerd = "containerd";
    public const string Classic = "classic";

    /// <summary>The driver-type of the containerd store's snapshotters (overlayfs, native, ...).</summary>
    public const string SnapshotterType = "io.containerd.snapshotter.v1";

    /// <summary>containerd or classic from the body of <c>GET /info</c>; null when it is not an engine's answer.</summary>
    public static string? FromInfo(string infoJson)
    {
        if (EngineJson.Read(infoJson, EngineJson.Default.InfoDocument) is not { Driver: not null } info)
        {
            return null;
        }

        var containerd = info.DriverStatus?.Any(pair => pair is ["driver-type", SnapshotterType]) ?? false;
        return containerd ? Containerd : Classic;
    }

    /// <summary>
    /// The unpacked size of an image in the containerd store, what the classic store calls its size: there an image's
    /// inspect <c>Size</c> is its content (the compressed layers), and the image list's <c>Size</c> is the unpacked
    /// snapshots plus that content, so the budgets of Verify, set in unpacked megabytes, would pass three times too much.
    /// </summary>
    public static long UnpackedSize(long listedSize, long contentSize) => Math.Max(0, listedSize - contentSize);

    /// <summary>The store of the engine behind <paramref name="api"/>; null when it does not answer.</summary>
    public static string? Of(EngineApi api) => api.Get("/info") is { Status: 200 } info ? FromInfo(info.Body) : null;
}
