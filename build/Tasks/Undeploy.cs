using Build.Swarm;
using Cake.Frosting;

namespace Build.Tasks;

[TaskName(nameof(Undeploy))]
[TaskDescription("Removes the stack from the swarm (docker stack rm) and waits until its services, tasks and networks are gone.")]
public sealed class Undeploy(SwarmDeployment deployment) : FrostingTask<BuildContext>
{
    public override void Run(BuildContext context) => deployment.Undeploy();
}
