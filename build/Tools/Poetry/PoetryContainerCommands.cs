using Cake.Core.IO;

namespace Build.Tools.Poetry;

/// <summary>
/// Poetry's command lines in a builder image: `docker run --rm` in the host's network (a package index on the host's
/// 127.0.0.1 is reached there), the project and its path dependencies bound at their own paths, Poetry's settings as
/// values and the credentials by name.
/// </summary>
public sealed class PoetryContainerCommands(string docker)
{
    /// <summary>
    /// The container runs as root; what Poetry leaves in poetry.lock is given back the project folder's owner
    /// (`chown --reference=.`), so a regenerated lock is owned like the files beside it. Poetry's exit code is the
    /// container's. Poetry's arguments follow the script as words of their own; they are plain options, so `$*` holds
    /// them (a double quote inside would not survive the command line's own quoting).
    /// </summary>
    public const string LockScript = "poetry $*; status=$?; chown --reference=. poetry.lock 2>/dev/null; exit $status";

    /// <summary>`poetry lock ARGUMENTS` in the image, the lock given back the project folder's owner.</summary>
    public ToolCommand Lock(PoetryContainerSettings settings, IEnumerable<string> lockArguments) =>
        Run(settings, arguments =>
        {
            arguments.AppendOption("--entrypoint", "sh");
            arguments.AppendValue(settings.Image);
            arguments.Append("-c").AppendValue(LockScript).Append("sh");
            arguments.Append("lock");
            foreach (var argument in lockArguments)
            {
                arguments.AppendValue(argument);
            }

            arguments.Append("--no-interaction").Append("--no-ansi");
        });

    /// <summary>`poetry check --lock` (1.6 and later) or `poetry lock --check` in the image: writes nothing.</summary>
    public ToolCommand Check(PoetryContainerSettings settings, Version poetry) =>
        Run(settings, arguments =>
        {
            arguments.AppendValue(settings.Image).Append("poetry");
            if (poetry >= new Version(1, 6))
            {
                arguments.Append("check").Append("--lock");
            }
            else
            {
                arguments.Append("lock").Append("--check");
            }

            arguments.Append("--no-interaction").Append("--no-ansi");
        });

    private ToolCommand Run(PoetryContainerSettings settings, Action<ProcessArgumentBuilder> imageAndCommand) =>
        ToolCommand.Create(docker, new DirectoryPath(settings.ProjectDirectory), arguments =>
        {
            arguments.Append("run");
            arguments.Append("--rm");
            arguments.AppendOption("--network", "host");
            foreach (var mount in settings.Mounts)
            {
                arguments.AppendOption("--volume", $"{mount}:{mount}");
            }

            arguments.AppendOption("--workdir", settings.ProjectDirectory);
            arguments.AppendOption("--env", "POETRY_NO_INTERACTION=1");
            // No venv: `poetry lock` needs none, and one made by root in the project would be left behind.
            arguments.AppendOption("--env", "POETRY_VIRTUALENVS_CREATE=false");
            foreach (var name in settings.PassedVariables)
            {
                arguments.AppendOption("--env", name);
            }

            imageAndCommand(arguments);
        });
}
