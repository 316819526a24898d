using AtlasGuard.Core.Services;
using AtlasGuard.Formats.Compose;

namespace AtlasGuard.Detectors.Services;

/// <summary>
/// <c>docker run</c> (and <c>docker container run</c>, podman, nerdctl) in a script: the image and command, <c>-e</c>
/// variables, <c>-p</c> published ports (same address rules as compose), <c>-P</c> and <c>--network host</c>.
/// </summary>
internal static class DockerRun
{
    private static readonly HashSet<string> ValueOptions = new(StringComparer.Ordinal)
    {
        "-p", "--publish", "-e", "--env", "-v", "--volume", "--name", "--network", "--net", "-w", "--workdir", "-u", "--user", "--entrypoint",
        "--env-file", "--gpus", "--shm-size", "-m", "--memory", "--cpus", "--ipc", "--restart", "-l", "--label", "--mount", "--add-host",
        "--device", "--hostname", "-h", "--ulimit", "--runtime", "--platform", "--pull", "--log-driver", "--log-opt", "--cap-add", "--cap-drop",
        "--security-opt", "--tmpfs", "--dns", "--expose", "--cpuset-cpus", "--memory-swap", "--pid", "--init-path", "--stop-signal", "--health-cmd",
    };

    private static readonly HashSet<string> Engines = new(StringComparer.Ordinal) { "docker", "podman", "nerdctl" };

    /// <summary>Whether the words are a container run command; <paramref name="optionsAt"/> is the index after <c>run</c>.</summary>
    public static bool IsRun(IReadOnlyList<string> words, out int optionsAt)
    {
        optionsAt = 0;
        if (words.Count < 3 || !Engines.Contains(LaunchCommands.Program(words[0])))
        {
            return false;
        }

        optionsAt = words[1] == "run" ? 2 : words[1] == "container" && words[2] == "run" ? 3 : 0;
        return optionsAt > 0;
    }

    public static ServiceLaunch? Read(IReadOnlyList<string> words, int optionsAt, int line, MlopsServiceCatalog catalog)
    {
        var env = new List<(string Name, string? Value)>();
        var open = new List<OpenPort>();
        var hostNetwork = false;
        var i = optionsAt;
        for (; i < words.Count && words[i].StartsWith('-'); i++)
        {
            var (option, value) = Split(words, ref i);
            switch (option)
            {
                case "-p" or "--publish" when value is not null && PublishedPort.ParseShort(value) is { Binding: HostBinding.All } port:
                    open.Add(new OpenPort(port.TargetFrom, port.TargetTo, $"-p {value} publishes on all host interfaces", line));
                    break;
                case "-P" or "--publish-all":
                    open.Add(OpenPort.Every("-P publishes every exposed port on all host interfaces", line));
                    break;
                case "-e" or "--env" when value is not null:
                    var eq = value.IndexOf('=', StringComparison.Ordinal);
                    env.Add(eq < 0 ? (value, null) : (value[..eq], value[(eq + 1)..]));
                    break;
                case "--network" or "--net" when value == "host":
                    hostNetwork = true;
                    break;
            }
        }

        if (i >= words.Count)
        {
            return null;
        }

        var image = words[i];
        var command = words.Skip(i + 1).ToList();
        var found = LaunchCommands.FindProduct(command, catalog);
        var byImage = catalog.MatchImage(image);
        var service = byImage ?? found?.Service;
        if (service is null)
        {
            return null;
        }

        var launch = new ServiceLaunch
        {
            Service = service,
            Context = LaunchContext.Container,
            Where = $"docker run of {image} (line {line})",
            Line = line,
            Words = found is { } f ? f.Command.Words : command,
            CommandLine = line,
            HostNetwork = hostNetwork,
            DefaultListen = byImage?.ImageListen,
        };
        foreach (var (name, value) in env)
        {
            launch.Env[name] = (value, line);
        }

        launch.Open.AddRange(open);
        return launch;
    }

    private static (string Option, string? Value) Split(IReadOnlyList<string> words, ref int i)
    {
        var word = words[i];
        var eq = word.IndexOf('=', StringComparison.Ordinal);
        if (word.StartsWith("--", StringComparison.Ordinal) && eq > 0)
        {
            return (word[..eq], word[(eq + 1)..]);
        }

        if (word.Length > 2 && word[1] != '-' && ValueOptions.Contains(word[..2]))
        {
            return (word[..2], word[2..]);
        }

        if (ValueOptions.Contains(word) && i + 1 < words.Count)
        {
            i++;
            return (word, words[i]);
        }

        return (word, null);
    }
}
