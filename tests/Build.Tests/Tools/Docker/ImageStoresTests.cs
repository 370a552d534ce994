using Build.Tools.Docker;

namespace Build.Tests.Tools.Docker;

public sealed class ImageStoresTests
{
    private static IEnumerable<TestCaseData> Cases()
    {
        yield return new TestCaseData("""{"Driver":"overlayfs","DriverStatus":[["driver-type","io.containerd.snapshotter.v1"]]}""", "containerd")
            .SetName("Docker_26_with_the_containerd_snapshotter_has_the_containerd_store");
        yield return new TestCaseData("""{"Driver":"overlay2","DriverStatus":[["Backing Filesystem","extfs"],["Supports d_type","true"]]}""", "classic")
            .SetName("Docker_20_10_with_overlay2_has_the_classic_store");
        yield return new TestCaseData("""{"Driver":"vfs","DriverStatus":null}""", "classic").SetName("A_driver_without_status_is_classic");
        yield return new TestCaseData("""{"message":"page not found"}""", null).SetName("An_answer_that_is_no_info_names_no_store");
        yield return new TestCaseData("not json", null).SetName("Garbage_names_no_store");
    }

    [TestCaseSource(nameof(Cases))]
    public void The_store_is_read_from_the_info_answer(string info, string? store) =>
        Assert.That(ImageStores.FromInfo(info), Is.EqualTo(store));

    // Docker 26 with the containerd store, orchestrator:prod: the image list said 199089319, the inspect 50798591.
    [TestCase(199089319L, 50798591L, 148290728L)]
    [TestCase(100L, 100L, 0L)]
    [TestCase(10L, 20L, 0L)]
    public void The_unpacked_size_is_the_listed_size_without_the_content(long listed, long content, long unpacked) =>
        Assert.That(ImageStores.UnpackedSize(listed, content), Is.EqualTo(unpacked));
}
