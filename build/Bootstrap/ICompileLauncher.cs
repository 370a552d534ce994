namespace Build.Bootstrap;

/// <summary>Starts a compile whose output (standard output and error) goes to <c>log</c>.</summary>
public interface ICompileLauncher
{
    ICompileJob Start(ProcessSpec spec, string log);
}
