using Build.Tools.Docker;
using Cake.Core.IO;

namespace Build.Tests.Tools.Docker;

public sealed class SwarmCommandsTests
{
    private static readonly SwarmCommands Swarm = new("docker", new DirectoryPath("/repo"));

    private static IEnumerable<TestCaseData> Cases()
    {
        var variables = new Dictionary<string, string> { ["IMAGE_TAG"] = "prod", ["WEB_REPLICAS"] = "2" };
        yield return new TestCaseData(Swarm.StackDeploy("deployment/docker-stack.bridge.yml", "omninode-bridge", false, variables),
            "stack deploy --compose-file deployment/docker-stack.bridge.yml --prune --resolve-image never omninode-bridge")
            .SetName("Stack_deploy_pins_digests_and_prunes");
        yield return new TestCaseData(Swarm.StackDeploy("stack.yml", "s", true, variables),
            "stack deploy --compose-file stack.yml --prune --resolve-image never --with-registry-auth s")
            .SetName("Stack_deploy_hands_on_the_registry_login_when_asked");
        yield return new TestCaseData(Swarm.StackRemove("omninode-bridge"), "stack rm omninode-bridge").SetName("Stack_rm");
        yield return new TestCaseData(Swarm.SwarmInit(), "swarm init --advertise-addr 127.0.0.1").SetName("Swarm_init_for_one_machine");
    }

    [TestCaseSource(nameof(Cases))]
    public void Command_line(Build.Tools.ToolCommand command, string expected) =>
        Assert.That(string.Join(" ", command.ArgumentList), Is.EqualTo(expected));

    [Test]
    public void Stack_variables_go_into_the_environment()
    {
        var command = Swarm.StackDeploy("stack.yml", "s", false,
            new Dictionary<string, string> { ["IMAGE_REGISTRY"] = "reg:5000/ns/", ["WEB_REPLICAS"] = "2" });
        Assert.That(command.Render(),
            Is.EqualTo("IMAGE_REGISTRY=reg:5000/ns/ WEB_REPLICAS=2 docker stack deploy --compose-file stack.yml --prune --resolve-image never s"));
    }
}
