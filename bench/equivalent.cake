// The same task graph as the Frosting host's Production target, as a plain Cake script: what a
// `dotnet-cake build.cake` setup would cost to start. Each task prints the command the host's dry run shows.
// Run: .build/cake-tool/dotnet-cake bench/equivalent.cake --target=Production --dryrun
var target = Argument("target", "Production");
var sha = "0000000";

string DockerBuild(string service) =>
    $"docker build -f deployment/Dockerfile.{service} --target production -t {service}:prod -t {service}:latest -t {service}:0.1.0 -t {service}:sha-{sha} " +
    $"--label io.omninode.bridge.service={service} --label org.opencontainers.image.title=omninode-bridge-{service} --label org.opencontainers.image.version=0.1.0 " +
    "--build-arg BUILDER_IMAGE=omninode/poetry:1.3.2-bookworm --build-arg PYTHON_IMAGE=omninode/python:3.11-bookworm .";

Task("EnsureLock")
    .Does(() => Information("  poetry.lock is fresh"));

Task("BuildOrchestrator")
    .IsDependentOn("EnsureLock")
    .Does(() => Information("  $ {0}", DockerBuild("orchestrator")));

Task("BuildReducer")
    .IsDependentOn("EnsureLock")
    .Does(() => Information("  $ {0}", DockerBuild("reducer")));

Task("Production")
    .IsDependentOn("BuildOrchestrator")
    .IsDependentOn("BuildReducer");

RunTarget(target);
