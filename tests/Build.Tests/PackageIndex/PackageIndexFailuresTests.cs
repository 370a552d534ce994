using Build.PackageIndex;

namespace Build.Tests.PackageIndex;

public sealed class PackageIndexFailuresTests
{
    private static readonly PackageIndexSource Index = new("omninode-index", new Uri("http://127.0.0.1:3141/simple/"));

    // What Poetry 1.3.2 printed against scripts/package-index.sh in each case.
    private static IEnumerable<TestCaseData> Cases()
    {
        yield return new TestCaseData(new[]
        {
            "Resolving dependencies...",
            "HTTPConnectionPool(host='127.0.0.1', port=3141): Max retries exceeded with url: /simple/marshmallow/ (Caused by NewConnectionError(" +
            "'<urllib3.connection.HTTPConnection object at 0x7f80>: Failed to establish a new connection: [Errno 111] Connection refused'))",
        }, "the package index 'omninode-index' at http://127.0.0.1:3141/simple/ is not reachable").SetName("Index_down_names_its_URL");
        yield return new TestCaseData(new[]
        {
            "Source (omninode-index): Authorization error accessing http://127.0.0.1:3141/simple/uvicorn/",
            "Because omninode-bridge depends on marshmallow (^3.18.0) which doesn't match any versions, version solving failed.",
        }, "the package index 'omninode-index' refused the credentials (HTTP 401 at http://127.0.0.1:3141/simple/): " +
           "check POETRY_HTTP_BASIC_OMNINODE_INDEX_USERNAME and POETRY_HTTP_BASIC_OMNINODE_INDEX_PASSWORD")
               .SetName("Refused_credentials_name_the_source_and_the_401");
        yield return new TestCaseData(new[]
        {
            "Because omninode-bridge depends on nopackage (^1.0) which doesn't match any versions, version solving failed.",
        }, "nopackage (^1.0) is not in the package index 'omninode-index' at http://127.0.0.1:3141/simple/").SetName("A_missing_package_is_named");
        yield return new TestCaseData(new[] { "Invalid TOML file /app/pyproject.toml" }, null).SetName("Other_failures_are_not_the_index");
        // What BuildKit printed when a base image's registry was down: a connection refused that is not the index's.
        yield return new TestCaseData(new[]
        {
            "failed to solve with frontend dockerfile.v0: failed to create LLB definition: failed to do request: " +
            "Head \"http://127.0.0.1:9/v2/nothing/python/manifests/3.12-slim\": dial tcp 127.0.0.1:9: connect: connection refused",
        }, null).SetName("A_base_image_registry_that_refuses_is_not_the_index");
    }

    [TestCaseSource(nameof(Cases))]
    public void Explain(string[] output, string? expected) => Assert.That(PackageIndexFailures.Explain(output, Index), Is.EqualTo(expected));
    // What a no-cache build printed with a wrong password (BuildKit's prefix kept): the sign comes long before the end.
    [TestCase("#14 2.008 <c1>Source (omninode-index):</c1> Authorization error accessing http://127.0.0.1:45543/simple/idna/", true)]
    [TestCase("#14 10.80   HTTPConnectionPool(host='127.0.0.1', port=45543): Max retries exceeded with url: /simple/sniffio/", true)]
    [TestCase("#14 2.155   Unable to find installation candidates for idna (3.3)", true)]
    [TestCase("#14 1.989   • Installing idna (3.3)", false)]
    [TestCase("#14 2.155   RuntimeError", false)]
    public void IsSign_keeps_only_the_lines_Explain_reads(string line, bool sign) => Assert.That(PackageIndexFailures.IsSign(line), Is.EqualTo(sign));
}
