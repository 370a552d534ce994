namespace Build.Bootstrap;

/// <summary>Whether any ./build.sh command of the machine runs now: the background compile yields to all of them.</summary>
public interface IRunningCommands
{
    bool Any();
}
