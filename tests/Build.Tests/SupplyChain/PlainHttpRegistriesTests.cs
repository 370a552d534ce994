using Build.SupplyChain;
using Build.Tools.Docker.Documents;

namespace Build.Tests.SupplyChain;

public sealed class PlainHttpRegistriesTests
{
    /// <summary>RegistryConfig of GET /info from a swarm lab node (dockerd --insecure-registry 10.213.0.1:5000).</summary>
    private const string LabInfo = """
        {"Driver":"overlay2","RegistryConfig":{"AllowNondistributableArtifactsCIDRs":null,"InsecureRegistryCIDRs":["127.0.0.0/8"],
        "IndexConfigs":{"10.213.0.1:5000":{"Name":"10.213.0.1:5000","Mirrors":[],"Secure":false,"Official":false},
        "docker.io":{"Name":"docker.io","Mirrors":[],"Secure":true,"Official":true}},"Mirrors":null}}
        """;

    [TestCase("127.0.0.1:5000/omninode/reducer:prod", true)]
    [TestCase("localhost:5000/omninode", true)]
    [TestCase("[::1]:5000/omninode/reducer@sha256:00", false)]
    [TestCase("10.213.0.1:5000/omninode/reducer:prod", true)]
    [TestCase("10.213.0.1:5001/omninode/reducer:prod", false)]
    [TestCase("registry.example.com/omninode/reducer:prod", false)]
    public void The_engines_insecure_registries_and_networks_are_plain_http(string reference, bool plainHttp)
    {
        var info = EngineJson.Read(LabInfo, EngineJson.Default.InfoDocument);
        Assert.That(PlainHttpRegistries.From(info?.RegistryConfig).Includes(reference), Is.EqualTo(plainHttp));
    }

    [TestCase("127.0.0.1:5000/omninode", true)]
    [TestCase("10.213.0.1:5000/omninode", false)]
    public void Without_the_engines_answer_only_the_loopback_network_is(string registry, bool plainHttp) =>
        Assert.That(PlainHttpRegistries.From(null).Includes(registry), Is.EqualTo(plainHttp));
}
