using System.Text;
using Build.Verification;

namespace Build.Tests.Verification;

public sealed class ImageSecretScanTests
{
    private static readonly IReadOnlyDictionary<string, byte[]> Password = new Dictionary<string, byte[]>
    {
        ["POETRY_HTTP_BASIC_OMNINODE_INDEX_PASSWORD"] = Encoding.UTF8.GetBytes("29fb2c2e9406960b"),
    };

    [Test]
    public void A_value_spanning_two_read_blocks_is_found()
    {
        var bytes = new byte[(1 << 20) - 5].Concat(Encoding.UTF8.GetBytes("29fb2c2e9406960b")).Concat(new byte[100]).ToArray();
        Assert.That(ImageSecretScan.Find(new MemoryStream(bytes), Password), Is.EqualTo(new[] { "POETRY_HTTP_BASIC_OMNINODE_INDEX_PASSWORD" }));
    }

    [Test]
    public void An_image_without_the_value_holds_no_secret()
    {
        var bytes = Encoding.UTF8.GetBytes("RUN --mount=type=secret,id=index_password poetry install; 29fb2c2e9406960");
        Assert.That(ImageSecretScan.Find(new MemoryStream(bytes), Password), Is.Empty);
    }

    [Test]
    public void Short_values_are_not_looked_for()
    {
        var scan = new ImageSecretScan("/nonexistent/docker", new Dictionary<string, string> { ["USER"] = "bridge" });
        Assert.That(scan.Scan("any:image"), Is.Empty);
    }
}
