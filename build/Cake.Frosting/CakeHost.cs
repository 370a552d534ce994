using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Runtime.CompilerServices;
using Cake.Cli;
using Cake.Core;
using Cake.Core.Configuration;
using Cake.Core.Diagnostics;
using Cake.Core.IO;
using Cake.Core.Modules;
using Cake.Core.Scripting;
using Cake.Frosting.Internal;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Cake.Frosting;

/// <summary>
/// The Frosting build host: finds the tasks, registers them in Cake's engine and runs the targets given on the
/// command line with Cake's own execution strategy, script hosts and report printer.
/// </summary>
public sealed class CakeHost
{
    private readonly List<Action<IServiceCollection>> _configurations = [];
    private readonly List<Assembly> _assemblies = [];
    private IReadOnlyList<FrostingTaskClass>? _taskClasses;
    private Func<int?>? _startCheck;

    /// <summary>Adds an assembly to scan for tasks. Without any, tasks come from the entry assembly.</summary>
    /// <param name="assembly">The assembly.</param>
    /// <returns>The same host.</returns>
    public CakeHost AddAssembly(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        _assemblies.Add(assembly);
        return this;
    }

    /// <summary>Changes the services of the build (applied after the defaults, in order: a later registration wins).</summary>
    /// <param name="services">The action that changes the service collection.</param>
    /// <returns>The same host.</returns>
    public CakeHost ConfigureServices(Action<IServiceCollection> services)
    {
        ArgumentNullException.ThrowIfNull(services);
        _configurations.Add(services);
        return this;
    }

    /// <summary>Runs the build.</summary>
    /// <param name="args">The command line arguments.</param>
    /// <returns>The exit code: 0 on success.</returns>
    public int Run(IEnumerable<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var options = FrostingCommandLine.Parse(args);
        ICakeLog? log = null;
        ServiceProvider? provider = null;
        try
        {
            provider = BuildServiceProvider(options);
            log = provider.GetRequiredService<ICakeLog>();
            if (_startCheck?.Invoke() is { } stopped)
            {
                return stopped;
            }

            if (options.Error is not null)
            {
                log.Error(options.Error);
                return 1;
            }

            log.Verbosity = options.Verbosity;
            return Run(options, provider, log);
        }
        catch (Exception ex)
        {
            var console = new ColourConsole(new CakeConsole(new CakeEnvironment(new CakePlatform(), new CakeRuntime())), ConsoleColour.ForThisProcess);
            return (log ?? new CakeBuildLog(console)).LogException(Unwrap(ex));
        }
        finally
        {
            provider?.Dispose();
        }
    }

    /// <summary>
    /// Asks <paramref name="check"/> once the services are built and before the host writes or runs anything: a number
    /// ends the run with that exit code. A check begun before the host (on a thread of its own) is thus waited for only
    /// where its answer matters, and the host's start runs beside it.
    /// </summary>
    public CakeHost UseStartCheck(Func<int?> check)
    {
        ArgumentNullException.ThrowIfNull(check);
        _startCheck = check;
        return this;
    }

    /// <summary>
    /// Use exactly these task types instead of scanning assemblies: a host that has listed its tasks already saves the
    /// second scan (enumerating an assembly's types is a large part of a native host's start).
    /// </summary>
    public CakeHost UseTaskTypes(params Type[] taskTypes) => UseTaskClasses([.. taskTypes.Select(FrostingTaskClass.Reflected)]);

    /// <summary>
    /// Use exactly these task classes, with the attributes given (not read by reflection): a host whose compiler wrote
    /// them saves the attribute reads, the largest part of a native host's start after the type scan.
    /// </summary>
    public CakeHost UseTaskClasses(IReadOnlyList<FrostingTaskClass> taskClasses)
    {
        ArgumentNullException.ThrowIfNull(taskClasses);
        _taskClasses = taskClasses;
        return this;
    }

    private static int Run(FrostingOptions options, ServiceProvider provider, ICakeLog log)
    {
        var console = provider.GetRequiredService<IConsole>();
        switch (options.Mode)
        {
            case FrostingMode.Help:
                HelpWriter.Write(console, provider.GetServices<FrostingHelp>());
                return 0;
            case FrostingMode.Version when provider.GetService<FrostingVersion>() is { } version:
                console.WriteLine(version.Text());
                return 0;
            case FrostingMode.Version:
                new VersionFeature(new VersionResolver()).Run(console);
                return 0;
            case FrostingMode.Info:
                new InfoFeature(new VersionResolver()).Run(console);
                return 0;
        }

        var environment = provider.GetRequiredService<ICakeEnvironment>();
        var workingDirectory = options.WorkingDirectory is { } fromArgs
            ? new DirectoryPath(fromArgs)
            : provider.GetService<FrostingWorkingDirectory>()?.Path;
        if (workingDirectory is not null)
        {
            environment.WorkingDirectory = workingDirectory.MakeAbsolute(environment);
        }

        var engine = provider.GetRequiredService<ICakeEngine>();
        var context = provider.GetRequiredService<IFrostingContext>();
        var skipReasons = new SkipReasons();
        provider.GetRequiredService<ICakeDataService>().Add(skipReasons);
        FrostingEngineRegistrar.RegisterTasks(
            engine, context, type => (IFrostingTask)provider.GetRequiredService(type), provider.GetRequiredService<FrostingTaskInfo>(), skipReasons, log);
        FrostingEngineRegistrar.RegisterLifetimes(
            engine,
            context,
            provider.GetServices<IFrostingSetup>().ToList(),
            provider.GetServices<IFrostingTeardown>().ToList(),
            provider.GetServices<IFrostingTaskSetup>().ToList(),
            provider.GetServices<IFrostingTaskTeardown>().ToList());

        if (options.Mode is FrostingMode.Run or FrostingMode.DryRun &&
            TaskNameSuggester.UnknownTargetMessage(options.Targets, engine.Tasks.Select(t => t.Name).ToList()) is { } unknown)
        {
            log.Error(unknown);
            return 1;
        }

        var host = CreateScriptHost(options, provider, engine, context, skipReasons, log);
        if (options.Exclusive)
        {
            host.Settings.UseExclusiveTarget();
        }

        if (options.Mode == FrostingMode.DryRun)
        {
            log.Information("Performing dry run...");
            log.Information("Targets are: {0}", string.Join(", ", options.Targets));
            log.Information(string.Empty);
        }

        // A JIT warm-up: compiled ahead of time, the host has nothing to warm (measured: same time either way).
        if (options.Mode is FrostingMode.Run or FrostingMode.DryRun
            && !options.Arguments.Any(argument => argument.Key == FrostingCommandLine.NoReportSetting)
            && RuntimeFeature.IsDynamicCodeCompiled)
        {
            ReportWarmUp.Start();
        }

        host.RunTargetsAsync(options.Targets).GetAwaiter().GetResult();

        if (options.Mode == FrostingMode.DryRun)
        {
            log.Information(string.Empty);
            log.Information("This was a dry run.");
            log.Information("No tasks were actually executed.");
        }

        return 0;
    }

    private static ScriptHost CreateScriptHost(
        FrostingOptions options,
        IServiceProvider provider,
        ICakeEngine engine,
        IFrostingContext context,
        SkipReasons skipReasons,
        ICakeLog log)
    {
        var reportPrinter = new SkipReasonReportPrinter(provider.GetRequiredService<ICakeReportPrinter>(), skipReasons);
        var configuration = provider.GetRequiredService<ICakeConfiguration>();
        return options.Mode switch
        {
            FrostingMode.Tree => new FrostingTreeScriptHost(engine, context, provider.GetRequiredService<IConsole>()),
            FrostingMode.Description => new DescriptionScriptHost(engine, context, provider.GetRequiredService<IAnsiConsole>()),
            FrostingMode.DryRun => new BuildScriptHost<IFrostingContext>(
                engine, new FrostingDryRunExecutionStrategy(log, skipReasons), context, reportPrinter, configuration, log),
            _ => new BuildScriptHost<IFrostingContext>(
                engine, provider.GetRequiredService<IExecutionStrategy>(), context, reportPrinter, configuration, log),
        };
    }

    [UnconditionalSuppressMessage("Trimming", "IL2072",
        Justification = "Task types live in assemblies the native build roots whole (TrimmerRootAssembly in Build.csproj): " +
        "their constructors, methods and interfaces are all kept.")]
    private ServiceProvider BuildServiceProvider(FrostingOptions options)
    {
        var services = new ServiceCollection();
        // Cake's core services only: UseCakeDefaultModules() would add the NuGet and dotnet-tool installers (read NuGet.Config
        // on every start), which serve #tool directives and InstallTool, neither of which this host offers.
        services.AddCakeDiagnostics().UseModule(new CoreModule());
        // Registered after Cake's own, so these win: colour only where it is read as colour (ConsoleColour).
        var colour = ConsoleColour.ForThisProcess;
        services.AddSingleton<IConsole>(sp => new ColourConsole(new CakeConsole(sp.GetRequiredService<ICakeEnvironment>()), colour));
        services.AddSingleton(_ => AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = colour ? AnsiSupport.Yes : AnsiSupport.No,
            ColorSystem = colour ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
        }));

        var arguments = new CakeArguments(options.Arguments.ToLookup(a => a.Key, a => a.Value, StringComparer.OrdinalIgnoreCase));
        services.AddSingleton<ICakeArguments>(arguments);
        services.AddSingleton(sp => CreateConfiguration(sp, arguments));
        services.AddSingleton<FrostingContext>();
        services.AddSingleton<IFrostingContext>(sp => sp.GetRequiredService<FrostingContext>());

        var taskClasses = _taskClasses ??
            [.. FrostingTaskInfo.FindTaskTypes(_assemblies.Count > 0 ? _assemblies : EntryAssembly()).Select(FrostingTaskClass.Reflected)];
        services.AddSingleton(new FrostingTaskInfo(taskClasses));
        foreach (var taskClass in taskClasses)
        {
            var type = taskClass.Type;
            var create = taskClass.Create;
            if (create is null)
            {
                services.AddSingleton(type);
            }
            else
            {
                services.AddSingleton(type, create);
            }

            services.AddSingleton(sp => (IFrostingTask)sp.GetRequiredService(type));
        }

        foreach (var configure in _configurations)
        {
            configure(services);
        }

        return services.BuildServiceProvider();
    }

    private static ICakeConfiguration CreateConfiguration(IServiceProvider provider, ICakeArguments arguments)
    {
        var environment = provider.GetRequiredService<ICakeEnvironment>();
        var settings = provider.GetServices<FrostingConfigurationValue>().Select(s => new KeyValuePair<string, string>(s.Key, s.Value));
        var fromArguments = arguments.GetArguments().ToDictionary(a => a.Key, a => a.Value.LastOrDefault() ?? string.Empty, StringComparer.OrdinalIgnoreCase);
        return new CakeConfigurationProvider(provider.GetRequiredService<IFileSystem>(), environment)
            .CreateConfiguration(environment.WorkingDirectory, settings, fromArguments);
    }

    private static Assembly[] EntryAssembly() =>
        Assembly.GetEntryAssembly() is { } entry ? [entry] : [];

    // The engine wraps a task's exception in a CakeReportException carrying the report; log the task's own.
    private static Exception Unwrap(Exception exception) =>
        exception is CakeReportException { InnerException: { } inner } ? inner : exception;
}
